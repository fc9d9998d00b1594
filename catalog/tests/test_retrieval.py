"""The tool retriever (catalog.retrieval): behaviour on a small handmade catalog, then on the shipped one.

No database: the ranker is a pure engine. Speed is measured by bench/catalog_retrieval.py, not here. The
development prompts at the bottom were written for tuning, and so has the labelled set in tests/data been
tuned against since (its floor below guards against regressions, not generalisation); a separate held-out
set, scored by the bench with --data, measures how well the rules generalise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog.retrieval import Hit, ToolDoc, ToolIndex, docs_from_catalog_file, stem
from catalog.retrieval.spelling import Speller
from catalog.retrieval.steps import split_clauses
from catalog.retrieval.synonyms import rewrite_phrasal

CATALOG_FILE = Path(__file__).resolve().parents[1] / "data" / "catalog.json"
DEVELOPMENT_SET = Path(__file__).resolve().parent / "data" / "retrieval.jsonl"

TOOLKITS = {
    "github": ("GitHub", "Code hosting: repositories, issues and pull requests."),
    "jira": ("Jira", "Atlassian Jira tracks issues, bugs and agile work."),
    "slack": ("Slack", "Channel-based messaging for teams."),
    "gmail": ("Gmail", "Google's email service."),
    "googlesheets": ("Google Sheets", "Google's online spreadsheet app."),
    "box": ("Box", "Cloud file sharing."),
    "monday": ("monday.com", "A work OS with boards of items."),
    "twitter": ("Twitter (X)", "A social network for short posts."),
}
TOOLS = [
    ("GITHUB_CREATE_AN_ISSUE", "github", "Create an issue", "Create a new issue in a repository.", ("issues", "write")),
    ("GITHUB_LIST_REPOSITORY_ISSUES", "github", "List repository issues", "List issues in a repository.",
     ("issues", "read")),
    ("GITHUB_ISSUES_CREATE", "github", "Create issue (legacy)", "Legacy alias; create an issue.", ("issues",)),
    ("JIRA_CREATE_ISSUE", "jira", "Create an issue", "Create a Jira issue: a ticket with a summary.", ("issues",)),
    ("JIRA_SEARCH_ISSUES", "jira", "Search issues", "Search issues with JQL.", ("issues", "read")),
    ("SLACK_SEND_MESSAGE", "slack", "Send a message to a channel", "Send a message to a Slack channel.",
     ("messages", "write", "important")),
    ("SLACK_LIST_CHANNELS", "slack", "List channels", "List the channels in the workspace.", ("channels", "read")),
    ("GMAIL_SEND_EMAIL", "gmail", "Send email", "Send an email from the connected account.", ("email", "write")),
    ("GMAIL_FETCH_EMAILS", "gmail", "Fetch emails", "List messages matching a search query.", ("email", "read")),
    ("GOOGLESHEETS_APPEND_ROWS", "googlesheets", "Append rows to a spreadsheet", "Add rows after the last one.",
     ("rows", "write")),
    ("GOOGLESHEETS_GET_VALUES", "googlesheets", "Get values", "Read the values of a range.", ("values", "read")),
    ("BOX_UPLOAD_FILE", "box", "Upload a file", "Upload a file to a Box folder.", ("files", "write")),
    ("MONDAY_CREATE_ITEM", "monday", "Create an item", "Create an item (row) on a board.", ("items", "write")),
    ("TWITTER_CREATE_POST", "twitter", "Create a post", "Publish a post (tweet).", ("posts", "write")),
]  # fmt: skip
DEPRECATED = {"GITHUB_ISSUES_CREATE"}


def make_docs() -> list[ToolDoc]:
    return [
        ToolDoc(
            slug=slug,
            name=name,
            description=description,
            toolkit_slug=toolkit,
            toolkit_name=TOOLKITS[toolkit][0],
            toolkit_description=TOOLKITS[toolkit][1],
            tags=tags,
            deprecated=slug in DEPRECATED,
        )
        for slug, toolkit, name, description, tags in TOOLS
    ]


@pytest.fixture(scope="module")
def index() -> ToolIndex:
    return ToolIndex.build(make_docs())


@pytest.fixture(scope="module")
def catalog_index() -> ToolIndex:
    return ToolIndex.build(docs_from_catalog_file(json.loads(CATALOG_FILE.read_text(encoding="utf-8"))))


def slugs(hits: list[Hit]) -> list[str]:
    return [hit.slug for hit in hits]


# --- the handmade catalog ------------------------------------------------------------------------------


def test_it_ranks_the_named_toolkits_tool_first(index):
    assert slugs(index.search("create an issue in Jira", k=3))[0] == "JIRA_CREATE_ISSUE"
    assert slugs(index.search("create an issue in GitHub", k=3))[0] == "GITHUB_CREATE_AN_ISSUE"


def test_it_says_why_it_chose_a_tool(index):
    hit = index.search("create an issue in Jira", k=1)[0]
    assert "names toolkit jira" in hit.reasons
    assert "matches 'issue'" in hit.reasons


def test_it_recognises_multiword_names_and_aliases(index):
    assert index.named_toolkits("add a row to google sheets") == ["googlesheets"]
    assert index.named_toolkits("add a row to the Google Sheet") == ["googlesheets"]
    assert index.named_toolkits("add a row to gsheets") == ["googlesheets"]
    assert index.named_toolkits("post it on monday.com") == ["monday"]
    assert slugs(index.search("add a row to google sheets", k=1)) == ["GOOGLESHEETS_APPEND_ROWS"]


def test_it_lists_named_toolkits_in_order_of_appearance(index):
    assert index.named_toolkits("Email me from Gmail when a Jira issue lands, then tell Slack") == [
        "gmail",
        "jira",
        "slack",
    ]


@pytest.mark.parametrize(
    ("prompt", "named"),
    [
        ("every Monday, send the report to Slack", ["slack"]),
        ("create an item on our Monday board", ["monday"]),
        ("check the box and post the file", []),
        ("upload the file to Box", ["box"]),
        ("post the news on X", ["twitter"]),
        ("check it every X minutes", []),
        ("Post to x", []),
    ],
)
def test_everyday_words_name_a_toolkit_only_when_they_read_as_a_name(index, prompt, named):
    assert index.named_toolkits(prompt) == named


def test_synonyms_find_tools_that_use_other_words(index):
    assert slugs(index.search("log a bug", k=2))[0] in {"JIRA_CREATE_ISSUE", "GITHUB_CREATE_AN_ISSUE"}
    assert slugs(index.search("mail the weekly numbers to finance", k=1)) == ["GMAIL_SEND_EMAIL"]
    assert slugs(index.search("tweet our release notes", k=1)) == ["TWITTER_CREATE_POST"]


def test_it_never_returns_deprecated_tools(index):
    hits = index.search("create issue legacy alias in GitHub", k=20)
    assert hits
    assert "GITHUB_ISSUES_CREATE" not in slugs(hits)


def test_an_event_clause_asks_for_a_tool_that_reads(index):
    top = index.search("when a new issue is opened in GitHub", k=2)[0]
    assert top.slug == "GITHUB_LIST_REPOSITORY_ISSUES"
    assert "reads the items the workflow starts from" in top.reasons


def test_a_prompt_that_names_two_products_gets_tools_from_both(index):
    top = slugs(index.search("when a new issue is opened in GitHub, post it to the #dev Slack channel", k=5))
    assert top[:2] == ["GITHUB_LIST_REPOSITORY_ISSUES", "SLACK_SEND_MESSAGE"]


def test_a_toolkit_the_items_come_from_is_read_and_the_target_acted_on(index):
    top = slugs(index.search("Save new Gmail emails to a Google Sheet", k=2))
    assert top == ["GMAIL_FETCH_EMAILS", "GOOGLESHEETS_APPEND_ROWS"]


def test_scores_never_increase_down_the_list(index):
    scores = [hit.score for hit in index.search("send the new Jira issues to Slack and Gmail", k=8)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0


def test_the_toolkits_filter_keeps_only_those_toolkits(index):
    hits = index.search("send a message", k=10, toolkits=["gmail", "twitter"])
    assert hits
    assert {hit.toolkit_slug for hit in hits} <= {"gmail", "twitter"}
    assert index.search("send a message to Slack", k=5, toolkits=["gmail"])[0].toolkit_slug == "gmail"


@pytest.mark.parametrize("query", ["", "   ", "the and of it", "!!!"])
def test_an_empty_query_finds_nothing(index, query):
    assert index.search(query) == []


def test_k_limits_the_hits(index):
    assert len(index.search("send a message", k=2)) == 2
    assert index.search("send a message", k=0) == []


def test_a_query_that_only_names_a_toolkit_lists_its_tools(index):
    assert {hit.toolkit_slug for hit in index.search("Slack", k=5)} == {"slack"}


def test_the_stemmer_maps_a_words_forms_onto_one_key():
    assert stem("created") == stem("creates") == stem("creating") == stem("create")
    assert stem("issues") == stem("issue")
    assert stem("replies") == stem("reply")
    assert stem("shipped") == stem("ship")


def test_docs_from_catalog_file_reads_composio_shapes():
    data = {
        "toolkits": [
            {
                "slug": "github",
                "name": "GitHub",
                "meta": {"description": "Code hosting.", "categories": [{"slug": "dev", "name": "Developer Tools"}]},
            }
        ],
        "tools": [
            {
                "slug": "GITHUB_STAR",
                "name": "Star a repository",
                "description": "Star it.",
                "toolkit": {"slug": "github", "name": "GitHub"},
                "tags": ["repos", "write"],
                "is_deprecated": True,
            },
            {"slug": "OTHER_TOOL", "toolkit": {"slug": "other", "name": "Other"}},
        ],
    }
    star, other = docs_from_catalog_file(data)
    assert star == ToolDoc(
        slug="GITHUB_STAR",
        name="Star a repository",
        description="Star it.",
        toolkit_slug="github",
        toolkit_name="GitHub",
        toolkit_description="Code hosting. Developer Tools",
        tags=("repos", "write"),
        deprecated=True,
    )
    assert (other.name, other.toolkit_name, other.description, other.deprecated) == ("OTHER_TOOL", "Other", "", False)


# --- the shipped catalog -------------------------------------------------------------------------------


def test_the_shipped_catalog_indexes_every_current_tool(catalog_index):
    data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    assert len(catalog_index) == sum(not tool.get("is_deprecated") for tool in data["tools"])


def test_the_briefs_example_finds_the_github_and_slack_tools(catalog_index):
    top = slugs(catalog_index.search("when a new issue is opened in GitHub, post it to the #dev Slack channel", k=5))
    assert "GITHUB_LIST_REPOSITORY_ISSUES" in top
    assert "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL" in top


def test_a_step_that_names_no_product_still_gets_a_tool(catalog_index):
    prompt = "Every morning fetch unread emails from Gmail, summarize them with AI and send the summary to Slack"
    top = slugs(catalog_index.search(prompt, k=5))
    assert {"GMAIL_FETCH_EMAILS", "OPENAI_CREATE_RESPONSE", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"} <= set(top)


def test_a_day_of_the_week_is_not_the_monday_toolkit(catalog_index):
    hits = catalog_index.search("Every Monday, list open GitLab merge requests and send them to Slack", k=5)
    assert "monday" not in {hit.toolkit_slug for hit in hits}


# Development prompts, written for tuning: (prompt, expected tools; "A|B" means either will do).
EMAIL = "GMAIL_SEND_EMAIL|OUTLOOK_OUTLOOK_SEND_EMAIL|SENDGRID_SEND_EMAIL"
SLACK_SEND = "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"
DEV_PROMPTS = [
    ("When a Typeform response comes in, add a row to a Google Sheet",
     ["TYPEFORM_RETRIEVE_RESPONSES", "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"]),
    ("Create a Jira ticket for each new Sentry issue", ["SENTRY_LIST_PROJECT_ISSUES", "JIRA_CREATE_ISSUE"]),
    ("When a Stripe payment succeeds, add the customer to HubSpot and send them a welcome email with Gmail",
     ["STRIPE_LIST_CHARGES|STRIPE_LIST_CUSTOMERS", "HUBSPOT_CREATE_CONTACT", "GMAIL_SEND_EMAIL"]),
    ("Save new Gmail attachments to Google Drive",
     ["GMAIL_GET_ATTACHMENT|GMAIL_FETCH_EMAILS", "GOOGLEDRIVE_UPLOAD_FILE"]),
    ("Schedule a Zoom meeting and add it to Google Calendar", ["ZOOM_CREATE_A_MEETING", "GOOGLECALENDAR_CREATE_EVENT"]),
    ("Text me when a PagerDuty incident is triggered", ["PAGERDUTY_LIST_INCIDENTS", "TWILIO_SEND_SMS"]),
    ("When a deal is won in Pipedrive, create an invoice in QuickBooks",
     ["PIPEDRIVE_GET_ALL_DEALS", "QUICKBOOKS_CREATE_INVOICE"]),
    ("Post a tweet when we publish a new YouTube video", ["TWITTER_CREATION_OF_A_POST"]),
    ("Create a Trello card for every new Asana task",
     ["ASANA_SEARCH_TASKS_IN_A_WORKSPACE|ASANA_GET_TASKS_FROM_A_PROJECT", "TRELLO_ADD_CARDS"]),
    ("Send a Discord message when a new Shopify order is placed", ["SHOPIFY_GET_ORDER_LIST", "DISCORD_CREATE_MESSAGE"]),
    ("Add new Mailchimp subscribers to Salesforce as leads", ["MAILCHIMP_LIST_MEMBERS_INFO", "SALESFORCE_CREATE_LEAD"]),
    ("Upload the daily report to S3", ["AMAZON_S3_PUT_OBJECT"]),
    ("Run a SQL query on Supabase and email the results", ["SUPABASE_BETA_RUN_SQL_QUERY", EMAIL]),
    ("When a Zendesk ticket is created, create a Linear issue",
     ["ZENDESK_LIST_ZENDESK_TICKETS", "LINEAR_CREATE_LINEAR_ISSUE"]),
    ("Get the weather forecast and post it to Microsoft Teams",
     ["OPENWEATHERMAP_GET_5_DAY_FORECAST|OPENWEATHERMAP_GET_CURRENT_WEATHER",
      "MICROSOFT_TEAMS_TEAMS_POST_CHANNEL_MESSAGE"]),
    ("Create a Notion page for each new Calendly booking", ["CALENDLY_LIST_EVENTS", "NOTION_CREATE_NOTION_PAGE"]),
    ("Share the top Hacker News stories on LinkedIn", ["HACKERNEWS_GET_FRONTPAGE", "LINKEDIN_CREATE_LINKED_IN_POST"]),
    ("When a new file is added to Dropbox, copy it to Box",
     ["DROPBOX_LIST_FOLDER|DROPBOX_SEARCH_FILE_OR_FOLDER", "BOX_UPLOAD_FILE"]),
    ("Log every new Airtable record in a Google Doc",
     ["AIRTABLE_LIST_RECORDS", "GOOGLEDOCS_INSERT_TEXT_ACTION|GOOGLEDOCS_CREATE_DOCUMENT"]),
    ("Post new Instagram photos to our Facebook Page",
     ["INSTAGRAM_GET_USER_MEDIA", "FACEBOOK_CREATE_PHOTO_POST|FACEBOOK_CREATE_POST"]),
    ("Create an item on our monday.com board when a ClickUp task is completed",
     ["CLICKUP_GET_TASKS", "MONDAY_CREATE_ITEM"]),
    ("When someone fills out the Google Form, send them a thank-you email via SendGrid",
     ["GOOGLEFORMS_LIST_RESPONSES", "SENDGRID_SEND_EMAIL"]),
    ("Create a new spreadsheet with all Xero invoices",
     ["XERO_LIST_INVOICES", "GOOGLESHEETS_CREATE_GOOGLE_SHEET1|GOOGLESHEETS_SHEET_FROM_JSON"]),
    ("Refund a PayPal payment and notify the customer by email", ["PAYPAL_REFUND_CAPTURED_PAYMENT", EMAIL]),
    ("When an Intercom conversation is closed, log a note in HubSpot",
     ["INTERCOM_LIST_CONVERSATIONS", "HUBSPOT_CREATE_NOTE"]),
    ("Send an email from Outlook when a Confluence page is updated",
     ["CONFLUENCE_GET_PAGES|CONFLUENCE_SEARCH_CONTENT", "OUTLOOK_OUTLOOK_SEND_EMAIL"]),
    ("Transcribe Zoom recordings with OpenAI and save the text to Google Docs",
     ["ZOOM_LIST_ALL_RECORDINGS", "OPENAI_CREATE_TRANSCRIPTION",
      "GOOGLEDOCS_CREATE_DOCUMENT|GOOGLEDOCS_INSERT_TEXT_ACTION"]),
    ("Every Friday, email me a summary of closed Jira issues", ["JIRA_SEARCH_FOR_ISSUES_USING_JQL_GET", EMAIL]),
    ("Export Box files shared with me to OneDrive",
     ["BOX_DOWNLOAD_FILE|BOX_LIST_ITEMS_IN_FOLDER|BOX_SEARCH_FOR_CONTENT", "ONE_DRIVE_ONEDRIVE_UPLOAD_FILE"]),
    ("Reply to new Freshdesk tickets with an AI-generated answer",
     ["FRESHDESK_LIST_TICKETS", "OPENAI_CREATE_RESPONSE", "FRESHDESK_REPLY_TICKET"]),
    ("Copy new rows from Airtable to Supabase", ["AIRTABLE_LIST_RECORDS", "SUPABASE_INSERT_ROWS"]),
    ("Send weekly Stripe revenue numbers to the finance team on Teams",
     ["STRIPE_LIST_CHARGES|STRIPE_RETRIEVE_BALANCE", "MICROSOFT_TEAMS_TEAMS_POST_CHANNEL_MESSAGE"]),
    ("Get yesterday's Stripe charges and put them in Airtable",
     ["STRIPE_LIST_CHARGES", "AIRTABLE_CREATE_RECORD|AIRTABLE_CREATE_RECORDS"]),
    ("Log Zoom meeting attendees into a spreadsheet",
     ["ZOOM_GET_PAST_MEETING_PARTICIPANTS", "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"]),
    ("append a row to gsheets", ["GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"]),
    ("post the build status to ms teams", ["MICROSOFT_TEAMS_TEAMS_POST_CHANNEL_MESSAGE"]),
    ("Notify #eng on Slack when a Sentry error spikes", ["SENTRY_LIST_PROJECT_ISSUES", SLACK_SEND]),
    ("Create a Linear issue for every failed GitLab pipeline",
     ["GITLAB_LIST_PROJECT_PIPELINES", "LINEAR_CREATE_LINEAR_ISSUE"]),
    ("Send an SMS to the on-call engineer when Datadog fires an alert", ["DATADOG_LIST_MONITORS", "TWILIO_SEND_SMS"]),
    ("Delete Gmail emails older than 30 days", ["GMAIL_FETCH_EMAILS", "GMAIL_MOVE_TO_TRASH"]),
]  # fmt: skip


def recall_at_5(index: ToolIndex, prompt: str, expected: list[str]) -> float:
    top = set(slugs(index.search(prompt, k=5)))
    return sum(bool(top & set(choice.split("|"))) for choice in expected) / len(expected)


def test_the_development_prompts_find_their_tools_in_the_top_5(catalog_index):
    recalls = {prompt: recall_at_5(catalog_index, prompt, expected) for prompt, expected in DEV_PROMPTS}
    misses = {prompt: recall for prompt, recall in recalls.items() if recall < 1}
    assert sum(recalls.values()) / len(recalls) >= 0.9, misses


# --- general rules, on prompts of our own ---------------------------------------------------------------


def test_a_long_word_one_edit_from_a_known_word_is_read_as_that_word(index):
    assert slugs(index.search("add a row to the spreadhseet", k=1)) == ["GOOGLESHEETS_APPEND_ROWS"]
    speller = Speller(["attachments", "spreadsheet", "weather"])
    assert speller.correct("save attachmnets, check the wheather") == "save attachments, check the weather"


def test_short_words_and_names_are_not_corrected():
    speller = Speller(["send", "boston"])
    assert speller.correct("sned it to Bostn") == "sned it to Bostn"  # four letters, and a capitalised name


def test_two_word_verbs_read_as_the_verb_they_mean():
    assert rewrite_phrasal("spin up a database and set up a meeting") == "create a database and create a meeting"
    assert rewrite_phrasal("push the call back by an hour") == "postpone the call back by an hour"
    assert rewrite_phrasal("the page about setting up the VPN") == "the page about setting up the VPN"


def test_a_two_word_verb_finds_the_tool_of_the_verb_it_means(index):
    assert slugs(index.search("spin up an issue in GitHub", k=1)) == ["GITHUB_CREATE_AN_ISSUE"]


def test_two_verbs_sharing_an_object_make_two_steps():
    assert split_clauses("create and send a campaign to the list") == [
        "create a campaign to the list",
        "send a campaign to the list",
    ]


def test_commas_in_numbers_links_and_asides_do_not_cut_a_step():
    assert split_clauses("invoice them $1,200 via PayPal") == ["invoice them $1,200 via PayPal"]
    assert split_clauses("post it to https://hooks.example.com/x") == ["post it to https://hooks.example.com/x"]
    assert len(split_clauses("email me the stats (views, likes) weekly")) == 1


def test_a_toolkits_name_used_as_a_verb_sends_through_it(index):
    top = slugs(index.search("slack me the open Jira issues", k=2))
    assert set(top) == {"SLACK_SEND_MESSAGE", "JIRA_SEARCH_ISSUES"}
    assert split_clauses("find the issues and slack them to the team") == ["find the issues", "slack them to the team"]


def test_addresses_and_handles_do_not_name_toolkits(index):
    assert index.named_toolkits("forward mail from billing@github.com to me") == []
    assert index.named_toolkits("label mail from @github.com") == []


def test_lowercase_everyday_names_count_next_to_a_product_noun(catalog_index):
    assert catalog_index.named_toolkits("set up a teams meeting with the vendor") == ["microsoft_teams"]
    assert catalog_index.named_toolkits("post the notes on teams") == ["microsoft_teams"]
    assert catalog_index.named_toolkits("invite our sales teams to the call") == []


def test_acting_on_picked_items_also_finds_them(catalog_index):
    top = slugs(catalog_index.search("archive every Gmail email from newsletters@shop.com", k=5))
    assert "GMAIL_FETCH_EMAILS" in top


def test_a_step_naming_no_toolkit_goes_on_in_the_one_before(catalog_index):
    top = slugs(catalog_index.search("create a Jira issue and assign it to Dana", k=3))
    assert top[:2] == ["JIRA_CREATE_ISSUE", "JIRA_ASSIGN_ISSUE"]


def test_the_verb_picks_the_tool_within_a_toolkit(catalog_index):
    top = slugs(catalog_index.search("change the priority of the Zendesk ticket", k=2))
    assert "ZENDESK_UPDATE_ZENDESK_TICKET" in top


def test_a_question_asks_for_a_search(catalog_index):
    assert slugs(catalog_index.search("where is the notion page about onboarding?", k=1)) == [
        "NOTION_SEARCH_NOTION_PAGE"
    ]


def test_reading_into_a_toolkit_writes_there(catalog_index):
    top = slugs(catalog_index.search("pull the Stripe charges into a google sheet", k=5))
    assert {"STRIPE_LIST_CHARGES", "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"} <= set(top)


def test_files_carried_elsewhere_are_downloaded_from_their_source(catalog_index):
    top = slugs(catalog_index.search("copy new Box files to S3", k=5))
    assert {"BOX_LIST_ITEMS_IN_FOLDER", "BOX_DOWNLOAD_FILE", "AMAZON_S3_PUT_OBJECT"} <= set(top)


def test_a_verb_that_names_its_channel_finds_the_channels_tool(catalog_index):
    assert slugs(catalog_index.search("whatsapp the courier the address", k=1)) == ["TWILIO_SEND_WHATSAPP_MESSAGE"]


# Three development sets, tuned against (so their floors only catch regressions): the first 261 prompts,
# then two sets of 150 and 160 written by someone who saw neither the ranker nor the other sets, each a
# held-out set until its misses were looked at. Recall@5 when these floors were set: 0.918, 0.876, 0.892.
DEVELOPMENT_FLOORS = {"retrieval.jsonl": 0.91, "retrieval_dev2.jsonl": 0.87, "retrieval_dev3.jsonl": 0.885}


@pytest.mark.parametrize(("name", "floor"), DEVELOPMENT_FLOORS.items())
def test_recall_on_the_development_sets_does_not_regress(catalog_index, name, floor):
    assert set_recall(catalog_index, DEVELOPMENT_SET.with_name(name)) >= floor


HELD_OUT_SET = DEVELOPMENT_SET.with_name("retrieval_holdout.jsonl")
HELD_OUT_FLOOR = 0.89


def test_recall_on_the_held_out_set_does_not_regress(catalog_index):
    # 150 prompts written by someone who saw neither the ranker nor any other set, measured once, after the
    # ranker's last change, and never tuned against: recall@5 0.902 (the target, 0.9, by a hair).
    # Do not fix its misses with its own words; once they have been looked at, it becomes a development
    # set and a new held-out set is written.
    assert set_recall(catalog_index, HELD_OUT_SET) >= HELD_OUT_FLOOR


def set_recall(index, path) -> float:
    """Mean recall@5 over a labelled set (an expected tool also counts as found through its alternatives)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    recalls = []
    for row in rows:
        alternatives = row.get("alternatives") or {}
        expected = ["|".join([slug, *alternatives.get(slug, [])]) for slug in row["expected"]]
        recalls.append(recall_at_5(index, row["prompt"], expected))
    return sum(recalls) / len(recalls)
