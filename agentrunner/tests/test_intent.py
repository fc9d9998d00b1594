"""The built-in intent classifier: cue families on hand-written sentences, and accuracy on the labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentrunner.intent import EXECUTE, PATCH, IntentDecision, classify, normalise

LABELLED_SET = Path(__file__).parent / "data" / "intents.jsonl"


def assert_intent(prompt: str, expected: str) -> IntentDecision:
    decision = classify(prompt)
    assert decision.intent == expected, f"{prompt!r} -> {decision}"
    assert decision.reasons, prompt
    assert 0.0 <= decision.confidence <= 1.0
    return decision


SEED_PATCH = [
    "always send email when price drops",
    "whenever user signs up, notify slack",
    "add notification step after processing",
    "if error occurs then alert ops team",
]
SEED_EXECUTE = [
    "show me top 10 flights",
    "fetch latest prices",
    "what are the most expensive items?",
    "get users who signed up today",
]


@pytest.mark.parametrize("prompt", SEED_PATCH)
def test_it_sends_the_seed_patch_examples_to_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize("prompt", SEED_EXECUTE)
def test_it_sends_the_seed_execute_examples_to_execute(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "from now on cc finance on invoices",
        "going forward, route VIP tickets to Dana",
        "In future, attach the PDF to the confirmation",
        "notify me each time a PR is merged",
        "remind me each time a ticket is assigned to me",
        "let me know whenever a deploy fails",
        "send a weekly summary to the team every monday",
        "run the cleanup every night at 2am",
        "check the queue every 5 minutes",
        "every new order should be logged to the sheet",
        "Alwyas cc me on refunds",
        "automatically archive closed tickets",
    ],
)
def test_permanence_and_recurrence_markers_mean_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "show me every order over $100",
        "list each invoice from March",
        "which items always sell out?",
        "which customers order every week?",
        "show sales for each day last week",
        "what happens every time a user signs up?",
    ],
)
def test_a_quantifier_over_data_or_a_question_is_not_recurrence(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "remove the email step",
        "rename the fetch step to load prices",
        "move the approval step before the email step",
        "change the threshold to 500",
        "set the max price to 300",
        "increase the retry count to 5",
        "disable the slack notification",
        "please turn on the price alerts",
        "pause the workflow",
        "Could you add a Slack step after the approval?",
        "use gmail instead of outlook for notifications",
        "make it run only on weekdays",
    ],
)
def test_editing_verbs_on_workflow_objects_mean_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize("prompt", ["delete the test users", "remove duplicates from this list now"])
def test_an_edit_without_a_workflow_object_is_a_one_off_action(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "if the payment fails, retry twice",
        "When a customer cancels, send them a survey",
        "when a new lead comes in add them to the CRM",
        "if an order is over $500, page the on-call",
        "alert me when the price drops below 200",
        "text me as soon as the package ships",
        "I want to get notified when stock is low",
    ],
)
def test_an_event_with_an_action_consequent_is_a_standing_conditional(prompt):
    decision = assert_intent(prompt, PATCH)
    assert any("standing conditional" in reason or "standing wish" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    "prompt",
    [
        "if the order is over $500, show it",
        "show me the orders if they are over 100",
        "if you can, show me the failed runs",
        "when did the last deploy happen",
        "tell me when the last invoice was paid",
    ],
)
def test_a_filter_a_politeness_or_a_past_event_is_not_a_standing_conditional(prompt):
    decision = assert_intent(prompt, EXECUTE)
    assert not any("standing conditional" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    "prompt",
    [
        "stop posting to #general",
        "we should no longer email the CEO",
        "don't send emails on weekends",
        "quit pinging me about low-priority bugs",
        "start tracking refunds in the sheet",
        "keep me posted on new signups",
    ],
)
def test_standing_wishes_and_prohibitions_mean_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "how many orders did we get last week?",
        "Whats the cheapest flight to NYC",
        "is there any flight under 200 euros?",
        "do we have any open tickets?",
        "who signed up yesterday?",
        "which step sends the email?",
        "When was the workflow last modified?",
        "how much did we spend on ads?",
    ],
)
def test_questions_mean_execute(prompt):
    decision = assert_intent(prompt, EXECUTE)
    assert any(reason.startswith("question") for reason in decision.reasons)


@pytest.mark.parametrize(
    "prompt",
    [
        "flights where price < 300",
        "list all customers in Germany",
        "compare sales this month vs last month",
        "summarize yesterday's tickets",
        "export the customer list to csv",
        "count the errors today",
        "give me the average price per day for last week",
        "find the cheapest hotel in paris",
        "show daily sales for march",
        "run it now",
        "send the report to finance",
    ],
)
def test_retrieval_filters_and_one_off_runs_mean_execute(prompt):
    assert_intent(prompt, EXECUTE)


def test_now_pulls_toward_execute_but_from_now_on_is_permanent():
    assert_intent("post the summary to slack now", EXECUTE)
    assert_intent("from now on post the summary to slack", PATCH)


def test_a_prompt_without_cues_goes_to_execute_with_the_lowest_confidence():
    decision = assert_intent("hello there", EXECUTE)
    assert decision.confidence == 0.5
    assert "safer default" in decision.reasons[0]


def test_a_tie_goes_to_execute_and_says_so():
    decision = assert_intent("stop the current run", EXECUTE)
    assert decision.confidence == 0.5
    assert "tie" in decision.reasons[-1]


def test_a_clear_prompt_is_more_confident_than_a_close_one():
    clear = classify("from now on, whenever a user signs up, always notify slack")
    close = classify("tell me when the price drops below 200")
    assert clear.intent == close.intent == PATCH
    assert clear.confidence > close.confidence >= 0.5


def test_the_reasons_name_the_deciding_cue_first():
    decision = classify("remove the email step")
    assert decision.reasons[0].startswith("editing verb with a workflow object 'remove the email")
    assert decision.reasons[0].endswith("(+3 patch)")


def test_normalise_expands_contractions_fixes_typos_and_keeps_separators():
    assert normalise("Don't SHWO me, whenver it's late?") == " do not show me , whenever it is late ? "
    assert normalise("Re-run the e-mail step") == " rerun the email step "


def test_normalise_keeps_addresses_and_domains_whole_and_reads_an_arrow_as_to():
    assert normalise("Add bob@acme.com to the list. Then switch to Tomorrow.io") == (
        " add bob@acme.com to the list , then switch to tomorrow.io "
    )
    assert normalise("new signups -> mailchimp, costs 3.5.") == " new signups to mailchimp , costs 3.5 , "
    assert normalise("ad a step for the ad spend") == " add a step for the ad spend "


@pytest.mark.parametrize(
    "prompt",
    [
        "add jane@corp.io to the distribution list",
        "add the customer's phone number to the report",
        "round the totals in the weekly email to whole euros",
        "change the currency to USD",
        "set the timezone to pacific",
        "change the report so it groups by region",
        "take the sms step out",
        "turn the sms alerts back on",
        "switch the sms provider from Twilio to Vonage",
        "hook up the contact form to mailchimp",
    ],
)
def test_an_edit_of_a_standing_setting_list_or_output_means_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "put these numbers in the report for tomorrow's meeting",
        "change the order status from pending to shipped for order 881",
        "schedule a meeting with the design team for thursday",
        "connect to the database and count the users",
        "what is the schedule of this workflow?",
        "email the quarterly report to the board",
    ],
)
def test_an_edit_of_something_at_hand_or_a_noun_that_looks_like_a_verb_stays_execute(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "log every failed login to the security channel",
        "save every attachment from support emails to drive",
        "keep a record of each refund in the ledger",
        "keep the CRM in sync with the sheet",
        "route refund requests to the finance inbox",
        "send failed jobs to the dead letter queue",
        "create an asana task for every form submission",
        "include a link to the dashboard in every alert",
        "translate inbound emails to english",
        "after every deploy, run the smoke tests",
    ],
)
def test_capturing_every_item_or_routing_a_kind_of_item_means_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "delete every test account in staging",
        "approve every pending request from the design team",
        "email each vendor their remittance advice",
        "send the invoices to finance",
        "mark all these tickets as resolved",
        "keep going with the analysis",
        "create a summary for each customer",
    ],
)
def test_a_one_off_action_over_a_set_at_hand_stays_execute(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "could we get a ping whenever a deal closes?",
        "could we get slack alerts for failed payments?",
        "I want to get a slack message when someone books a demo",
        "notify me of failed logins",
        "alert me if any payment over $1000 fails",
        "if there are any errors, notify me",
        "get notified when a deploy fails",
        "when an invoice is paid, look up the customer and email them a receipt",
    ],
)
def test_asking_to_be_notified_or_an_action_after_an_event_means_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "get the alerts from last night",
        "if there are any failed jobs, list them",
        "tell me if we have any refunds pending",
        "let me know if there are any open tickets",
        "tell me if the deploy succeeded",
        "tell me when the next release is",
        "when did the last run fail?",
    ],
)
def test_fetching_notices_or_an_indirect_question_is_not_a_standing_alert(prompt):
    decision = assert_intent(prompt, EXECUTE)
    assert not any("standing" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    "prompt",
    [
        "I'd like the workflow to retry twice before giving up",
        "I want a notification when a new order comes in",
        "can the workflow also post a summary in #ops after it finishes?",
        "would be great if it also posted to teams",
        "make it run every morning?",
        "have the bot answer faq questions automatically",
        "right now it only emails me, I want it to post to slack too",
        "I don't want the weekly digest anymore",
        "no more emails about closed tickets",
        "can we not email people on their day off",
    ],
)
def test_a_wish_about_how_the_workflow_behaves_means_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "is there a step that sends slack messages?",
        "remind me what the workflow does",
        "right now, how many tickets are open?",
        "no more than 10 results please",
        "which vendors always ship late?",
    ],
)
def test_a_question_about_the_workflow_or_the_data_stays_execute(prompt):
    assert_intent(prompt, EXECUTE)


@pytest.mark.parametrize(
    "prompt",
    [
        "validate the address first, then charge the card",
        "validate before upload",
        "run the cleanup before the email step",
        "add a row to the sheet after the order is processed",
        "translate new tickets to english before they are assigned",
    ],
)
def test_reordering_steps_or_placing_an_action_around_an_event_means_patch(prompt):
    assert_intent(prompt, PATCH)


@pytest.mark.parametrize(
    "prompt",
    [
        "first pull the sales data, then chart it",
        "check the logs first, then restart the server",
        "orders after 5pm",
        "sales before march",
    ],
)
def test_a_list_of_chores_or_a_time_filter_is_not_a_reordering(prompt):
    assert_intent(prompt, EXECUTE)


# The target is 0.95. The set (agentrunner/tests/data/intents.jsonl, 299 prompts) was written
# independently of the classifier; it scored 0.920 as first written, 0.943 after one round of general cues
# added from its errors and 1.000 after a second round. The set has now been tuned against, so the number
# overstates accuracy on new prompts; the floor leaves a small margin below the measured value.
ACCURACY_FLOOR = 0.98


def test_accuracy_on_the_labelled_set_does_not_regress():
    assert_accuracy(LABELLED_SET, ACCURACY_FLOOR)


# A second set (intents_holdout.jsonl, 200 prompts) written by someone who saw neither the classifier nor the
# first set, and kept unseen by whoever tuned the cues: the classifier scored 0.920 on it before the second
# round of cues and 0.955 after, without any change aimed at it. It measures generalisation only while nobody
# tunes against it: fix a miss here with a general cue tested on prompts of your own, never with its words.
HOLDOUT_SET = LABELLED_SET.with_name("intents_holdout.jsonl")
HOLDOUT_FLOOR = 0.95


def test_accuracy_on_the_held_out_set_meets_the_target():
    assert_accuracy(HOLDOUT_SET, HOLDOUT_FLOOR)


def assert_accuracy(path, floor: float) -> None:
    assert path.exists(), f"the labelled prompt set {path} is missing"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 200, f"only {len(rows)} labelled prompts"
    decisions = [(row, classify(row["prompt"])) for row in rows]
    wrong = [(row, decision) for row, decision in decisions if decision.intent != row["intent"]]
    accuracy = 1 - len(wrong) / len(rows)
    listing = "\n".join(
        f"  {row['intent']:>7} predicted {decision.intent} ({decision.confidence}): {row['prompt']!r} "
        f"[{row.get('note', '')}] {decision.reasons}"
        for row, decision in wrong
    )
    assert accuracy >= floor, f"accuracy {accuracy:.3f} on {len(rows)} prompts; misclassified:\n{listing}"
