"""The seed contract's paths (no trailing slash), routed to the same services as the ViewSets."""

from django.urls import path

from agentrunner.api.views import AgentJobsView, AgentJobView, TestChatView

urlpatterns = [
    path("api/agent/jobs", AgentJobsView.as_view(), name="agent-jobs"),
    path("api/agent/jobs/<str:key>", AgentJobView.as_view(), name="agent-job"),
    path("test/chat", TestChatView.as_view(), name="agent-test-chat"),
]
