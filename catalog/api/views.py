from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import selectors
from catalog.api.serializers import (
    CatalogToolSerializer,
    CategorySerializer,
    ToolkitDetailSerializer,
    ToolkitSerializer,
)
from catalog.cache import cached
from catalog.models import Tool, ToolkitCategory
from wfplatform.api.pagination import PageNumberPagination

FILTERS = [
    OpenApiParameter("category", str, description="A category slug, e.g. developer-tools."),
    OpenApiParameter("search", str, description="Words that must all appear in the name, slug or description."),
]


class IntegrationsView(APIView):
    """The seed's `GET /api/integrations`: toolkits (`?category=&search=`), paginated."""

    @extend_schema(parameters=FILTERS, responses=ToolkitSerializer(many=True), operation_id="integrations_list")
    def get(self, request: Request) -> Response:
        def page() -> dict:
            queryset = selectors.toolkits(
                category=request.query_params.get("category", ""), search=request.query_params.get("search", "")
            )
            paginator = PageNumberPagination()
            rows = paginator.paginate_queryset(queryset, request, view=self)
            return paginator.get_paginated_response(ToolkitSerializer(rows, many=True).data).data

        # The absolute URL is the key: it holds the filters and the page, and the links in the answer use it.
        return Response(cached(("integrations", request.build_absolute_uri()), page))


class IntegrationView(APIView):
    """The seed's `GET /api/integrations/{provider}`: one toolkit with its tools and their parameter schemas."""

    @extend_schema(responses=ToolkitDetailSerializer, operation_id="integrations_retrieve")
    def get(self, request: Request, provider: str) -> Response:
        detail = cached(
            ("integration", provider.lower()),
            lambda: ToolkitDetailSerializer(selectors.toolkit_with_tools(provider)).data,
        )
        return Response(detail)


class CategoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Toolkit categories."""

    queryset = ToolkitCategory.objects.all()
    serializer_class = CategorySerializer
    pagination_class = None


class CatalogToolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Catalog tools (`?toolkit=github&deprecated=false`), by slug."""

    queryset = Tool.objects.select_related("toolkit")
    serializer_class = CatalogToolSerializer
    lookup_field = "slug"
    lookup_value_regex = "[A-Za-z0-9_]+"
    filterset_fields = {"toolkit__slug": ["exact"], "deprecated": ["exact"]}
    ordering_fields = ["slug"]
