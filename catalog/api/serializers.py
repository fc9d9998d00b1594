from __future__ import annotations

from rest_framework import serializers

from catalog.models import Tool, Toolkit, ToolkitCategory


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ToolkitCategory
        fields = ["slug", "name"]


class ToolkitSerializer(serializers.ModelSerializer):
    categories = CategorySerializer(many=True, read_only=True)

    class Meta:
        model = Toolkit
        fields = ["slug", "name", "description", "logo", "app_url", "categories", "auth_schemes", "tools_count",
                  "last_synced_at"]  # fmt: skip
        read_only_fields = fields


class CatalogToolSerializer(serializers.ModelSerializer):
    toolkit = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Tool
        fields = ["slug", "name", "description", "toolkit", "input_schema", "output_schema", "tags", "version",
                  "deprecated", "last_synced_at"]  # fmt: skip
        read_only_fields = fields


class ToolkitDetailSerializer(ToolkitSerializer):
    tools = CatalogToolSerializer(many=True, read_only=True)

    class Meta(ToolkitSerializer.Meta):
        fields = [*ToolkitSerializer.Meta.fields, "tools"]
        read_only_fields = fields
