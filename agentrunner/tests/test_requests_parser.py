"""The built-in request parser: one-time data requests in English -> pipeline steps. Pure Python, no database."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from agentrunner.requests_parser import ParsedRequest, parse_request
from agentrunner.requests_parser.columns import ColumnMatcher
from agentrunner.requests_parser.text import prepare

FLIGHTS = ["id", "origin", "dest", "price", "departure_time", "carrier", "name", "duration_minutes", "stops"]
ORDERS = ["order_id", "customer", "status", "amount", "created_at", "region", "email", "category", "store"]
TICKETS = ["ticket_id", "title", "priority", "status", "assignee", "opened_at", "is_urgent"]
USERS = ["user_id", "name", "email", "signup_date", "country", "plan", "age"]

Steps = list[dict[str, Any]]


def where(expression: str) -> dict[str, Any]:
    return {"op": "filter", "where": expression}


def top(k: int, by: str, descending: bool) -> dict[str, Any]:
    return {"op": "top_k", "k": k, "by": by, "descending": descending}


def sort(*keys: tuple[str, bool]) -> dict[str, Any]:
    return {"op": "sort", "by": [{"column": column, "descending": descending} for column, descending in keys]}


def group(by: list[str], **aggregates: tuple[str, str | None]) -> dict[str, Any]:
    specs = {
        name: {"fn": fn} if column is None else {"fn": fn, "column": column}
        for name, (fn, column) in aggregates.items()
    }
    return {"op": "group_by", "by": by, "aggregates": specs}


COUNT = ("count", None)


def select(*columns: str) -> dict[str, Any]:
    return {"op": "select", "columns": list(columns)}


def limit(n: int) -> dict[str, Any]:
    return {"op": "limit", "n": n}


def parsed(prompt: str, columns: list[str] | None = None) -> ParsedRequest:
    result = parse_request(prompt, columns)
    assert result is not None, prompt
    return result


RANKINGS: list[tuple[str, list[str] | None, Steps]] = [
    ("top 10 flights by price", None, [top(10, "price", True)]),
    ("the 5 cheapest flights", FLIGHTS, [top(5, "price", False)]),
    ("3 most expensive flights", FLIGHTS, [top(3, "price", True)]),
    ("highest rated 20 movies", None, [top(20, "rating", True)]),
    ("lowest 5 scores", None, [top(5, "scores", False)]),
    ("the 3 highest scores", None, [top(3, "scores", True)]),
    ("first 10 rows", None, [limit(10)]),
    ("show me top 10 flights", None, [limit(10)]),
    ("last 5 orders by date", ORDERS, [top(5, "created_at", True)]),
    ("first 10 orders by date", ORDERS, [top(10, "created_at", False)]),
    ("last 10 orders", ORDERS, [top(10, "created_at", True)]),
    ("the cheapest flight", FLIGHTS, [top(1, "price", False)]),
    ("what are the most expensive items?", None, [sort(("price", True))]),
    ("the newest orders", ORDERS, [sort(("created_at", True))]),
    ("biggest 3 orders", ORDERS, [top(3, "amount", True)]),
    ("largest orders by amount", ORDERS, [sort(("amount", True))]),
    ("top 3 longest flights", FLIGHTS, [top(3, "duration_minutes", True)]),
    ("the top ten movies by rating", None, [top(10, "rating", True)]),
    ("a dozen cheapest hotels", None, [top(12, "price", False)]),
    ("three cheapest hotels", None, [top(3, "price", False)]),
    ("can you show me the 10 most recent orders?", None, [top(10, "date", True)]),
    ("Could you show me the top 5 customers by revenue?", None, [top(5, "revenue", True)]),
    ("top 5 by revenue", ORDERS, [top(5, "amount", True)]),
    ("show me the top 10 flights sorted by price", None, [sort(("price", False)), limit(10)]),
    ("top 10 flights sorted by price descending", FLIGHTS, [sort(("price", True)), limit(10)]),
]

SORTS: list[tuple[str, list[str] | None, Steps]] = [
    ("sort by price", None, [sort(("price", False))]),
    ("order by date descending", None, [sort(("date", True))]),
    ("order by date descending", ORDERS, [sort(("created_at", True))]),
    ("sorted by name A-Z", None, [sort(("name", False))]),
    ("sorted by name from Z to A", None, [sort(("name", True))]),
    ("ordered from newest to oldest", FLIGHTS, [sort(("departure_time", True))]),
    ("by price, highest first", None, [sort(("price", True))]),
    ("sort by departure time, newest first", FLIGHTS, [sort(("departure_time", True))]),
    ("sort by Departure-Time", FLIGHTS, [sort(("departure_time", False))]),
    ("sort by carrier then price descending", None, [sort(("carrier", False), ("price", True))]),
    ("order by price desc, name asc", None, [sort(("price", True), ("name", False))]),
    ("sort by origin and price", FLIGHTS, [sort(("origin", False), ("price", False))]),
    ("in descending order of price", None, [sort(("price", True))]),
    ("if possible, show the results sorted by date", None, [sort(("date", False))]),
    ("tickets opened in 2024 by priority", TICKETS, [where("year(opened_at) == 2024"), sort(("priority", False))]),
]

FILTERS: list[tuple[str, list[str] | None, Steps]] = [
    ("flights under $500", None, [where("price < 500")]),
    ("price below 500", None, [where("price < 500")]),
    ("with price less than 500", FLIGHTS, [where("price < 500")]),
    ("show orders over 100", None, [where("price > 100")]),
    ("hotels with at least 4 stars", None, [where("rating >= 4")]),
    ("4+ stars", None, [where("rating >= 4")]),
    ("products between 100 and 200", None, [where("price >= 100 and price <= 200")]),
    ("prices between $1,000 and 5k", None, [where("price >= 1000 and price <= 5000")]),
    ("revenue over 1.5k", None, [where("revenue > 1500")]),
    ("discount over 20%", None, [where("discount > 20")]),
    ("items cheaper than $20", None, [where("price < 20")]),
    ("flights priced under 300", None, [where("price < 300")]),
    ("flights that are priced under 300", None, [where("price < 300")]),
    ("hotels which are rated at least 4", None, [where("rating >= 4")]),
    ("which leads have a score above 80?", None, [where("score > 80")]),
    ("get all products where stock is less than 10", None, [where("stock < 10")]),
    ("products with 10 or more reviews", None, [where("reviews >= 10")]),
    ("rating >= 4.5", None, [where("rating >= 4.5")]),
    ("score is 10", None, [where("score == 10")]),
    ("flights under 2 hours", FLIGHTS, [where("duration_minutes < 120")]),
    ("flights with 0 stops", FLIGHTS, [where("stops == 0")]),
    ("flights from NYC to LAX", FLIGHTS, [where('origin == "NYC" and dest == "LAX"')]),
    ("flights from NYC to LAX", None, [where('origin == "NYC" and destination == "LAX"')]),
    ("flights from NYC to LAX or SFO", FLIGHTS, [where('origin == "NYC" and dest in ["LAX", "SFO"]')]),
    ("flights from nyc to lax", FLIGHTS, [where('lower(origin) == "nyc" and lower(dest) == "lax"')]),
    ("every flight to Paris under 400 euros, please", None, [where('destination == "Paris" and price < 400')]),
    ("where status is shipped", None, [where('status == "shipped"')]),
    ("status = 'open'", None, [where('status == "open"')]),
    ("get orders where status is 'failed' or 'cancelled'", None, [where('status in ["failed", "cancelled"]')]),
    ('where level = "ERROR" or level = "WARN"', None, [where('level in ["ERROR", "WARN"]')]),
    ("rows where level is ERROR", None, [where('level == "ERROR"')]),
    ("where status is not shipped", ORDERS, [where('status != "shipped"')]),
    ("tickets with priority high and status open", TICKETS, [where('priority == "high" and status == "open"')]),
    ("orders that are not cancelled", None, [where('status != "cancelled"')]),
    ("orders that are not cancelled", ORDERS, [where('status != "cancelled"')]),
    ("which customers haven't paid yet?", None, [where('status != "paid"')]),
    ("list orders over $100 that haven't shipped", None, [where('price > 100 and status != "shipped"')]),
    ("list all open support tickets", None, [where('status == "open"')]),
    ("tickets that are urgent", TICKETS, [where("is_urgent")]),
    ("urgent tickets that are not resolved", TICKETS, [where('is_urgent and status != "resolved"')]),
    ("logs containing 'error'", None, [where('contains(text, "error")')]),
    ("where name contains 'express'", None, [where('contains(name, "express")')]),
    ("logs with 'disk full' in the message", None, [where('contains(message, "disk full")')]),
    ("messages that mention timeout", None, [where('contains(text, "timeout")')]),
    ("tickets with 'login' in the title", TICKETS, [where('contains(title, "login")')]),
    ("orders in 2024", None, [where("year(date) == 2024")]),
    ("orders in 2024", ORDERS, [where("year(created_at) == 2024")]),
    ("orders before 2020", None, [where("year(date) < 2020")]),
    ("orders between 2020 and 2022", None, [where("year(date) >= 2020 and year(date) <= 2022")]),
    ("sales in March 2024", None, [where("year(date) == 2024 and month(date) == 3")]),
    ("flights departing after 2024-05-01", FLIGHTS, [where('date(departure_time) > "2024-05-01"')]),
    ("users with no email", None, [where("isnull(email)")]),
    ("customers without an email address", ORDERS, [where("isnull(email)")]),
    ("users whose email is empty", None, [where("isnull(email)")]),
    ("orders that have an email", ORDERS, [where("notnull(email)")]),
    ("orders from the EU region", ORDERS, [where('region == "EU"')]),
    ("employees in the engineering department", None, [where('department == "engineering"')]),
    (
        "orders where amount > 1000 and status != 'cancelled'",
        ORDERS,
        [where('amount > 1000 and status != "cancelled"')],
    ),
    ("show orders, excluding cancelled ones", None, [where('status != "cancelled"')]),
    ("users aged 30 or more", USERS, [where("age >= 30")]),
    ("users older than 30", None, [where("age > 30")]),
    ("users between 20 and 30 years old", USERS, [where("age >= 20 and age <= 30")]),
    ("find users named 'bob'", USERS, [where('name == "bob"')]),
    ("users on the pro plan", USERS, [where('plan == "pro"')]),
    ("users from Germany or France", USERS, [where('country in ["Germany", "France"]')]),
    ("users who signed up in 2023", USERS, [where("year(signup_date) == 2023")]),
    ("list customers whose country is Germany", USERS, [where('country == "Germany"')]),
]

GROUPS: list[tuple[str, list[str] | None, Steps]] = [
    ("count per category", None, [group(["category"], count=COUNT)]),
    ("how many orders per customer", ORDERS, [group(["customer"], count=COUNT)]),
    ("number of flights by airline", FLIGHTS, [group(["carrier"], count=COUNT)]),
    ("count tickets by status", TICKETS, [group(["status"], count=COUNT)]),
    ("average price per origin", None, [group(["origin"], average_price=("mean", "price"))]),
    ("total sales by region", None, [group(["region"], total_sales=("sum", "sales"))]),
    ("sum of amount grouped by month", None, [group(["month"], total_amount=("sum", "amount"))]),
    ("max temperature for each city", None, [group(["city"], max_temperature=("max", "temperature"))]),
    ("median amount per store", ORDERS, [group(["store"], median_amount=("median", "amount"))]),
    ("unique customers per store", ORDERS, [group(["store"], unique_customer=("nunique", "customer"))]),
    ("highest amount per region", ORDERS, [group(["region"], max_amount=("max", "amount"))]),
    (
        "average order amount by region and category",
        ORDERS,
        [group(["region", "category"], average_amount=("mean", "amount"))],
    ),
    (
        "average and max price per origin",
        FLIGHTS,
        [group(["origin"], average_price=("mean", "price"), max_price=("max", "price"))],
    ),
    ("how many rows", None, [group([], count=COUNT)]),
    ("count the orders", None, [group([], count=COUNT)]),
    ("what is the average price", None, [group([], average_price=("mean", "price"))]),
    ("how many distinct carriers", FLIGHTS, [group([], unique_carrier=("nunique", "carrier"))]),
    ("how many open issues are there?", None, [where('status == "open"'), group([], count=COUNT)]),
    (
        "how many flights per carrier, most first",
        FLIGHTS,
        [group(["carrier"], count=COUNT), sort(("count", True))],
    ),
    (
        "total amount per customer, top 5",
        ORDERS,
        [group(["customer"], total_amount=("sum", "amount")), top(5, "total_amount", True)],
    ),
    (
        "top 5 customers by total amount",
        ORDERS,
        [group(["customer"], total_amount=("sum", "amount")), top(5, "total_amount", True)],
    ),
    (
        "bottom 5 regions by total amount",
        ORDERS,
        [group(["region"], total_amount=("sum", "amount")), top(5, "total_amount", False)],
    ),
    ("top 3 carriers by number of flights", FLIGHTS, [group(["carrier"], count=COUNT), top(3, "count", True)]),
    ("the 5 most common destinations", FLIGHTS, [group(["dest"], count=COUNT), top(5, "count", True)]),
    ("most common categories", ORDERS, [group(["category"], count=COUNT), sort(("count", True))]),
    ("what's the headcount by department?", None, [group(["department"], count=COUNT)]),
    ("count of users per country", USERS, [group(["country"], count=COUNT)]),
    (
        "average duration per carrier sorted by average duration descending",
        FLIGHTS,
        [
            group(["carrier"], average_duration_minutes=("mean", "duration_minutes")),
            sort(("average_duration_minutes", True)),
        ],
    ),
]

SHAPES: list[tuple[str, list[str] | None, Steps]] = [
    ("show me the name and price columns", None, [select("name", "price")]),
    ("only name, email", None, [select("name", "email")]),
    ("only price", None, [select("price")]),
    ("just the price column", None, [select("price")]),
    ("select name, price", None, [select("name", "price")]),
    ("columns name and email", None, [select("name", "email")]),
    ("show name and price", None, [select("name", "price")]),
    ("list the emails", ORDERS, [select("email")]),
    ("list the customers and their emails", ORDERS, [select("customer", "email")]),
    ("show price and carrier only", FLIGHTS, [select("price", "carrier")]),
    ("distinct countries", None, [select("countries"), {"op": "dedupe", "columns": ["countries"]}]),
    ("unique carriers", FLIGHTS, [select("carrier"), {"op": "dedupe", "columns": ["carrier"]}]),
    (
        "distinct countries sorted alphabetically",
        None,
        [sort(("countries", False)), select("countries"), {"op": "dedupe", "columns": ["countries"]}],
    ),
    ("dedupe by email", None, [{"op": "dedupe", "columns": ["email"]}]),
    ("drop duplicate rows", None, [{"op": "dedupe"}]),
    ("rename price to cost", None, [{"op": "rename", "columns": {"price": "cost"}}]),
    ("show 20 flights", None, [limit(20)]),
    ("limit to 5 rows", None, [limit(5)]),
]

COMBINED: list[tuple[str, list[str] | None, Steps]] = [
    (
        "top 5 cheapest flights from NYC to LAX under $300 with name and price",
        FLIGHTS,
        [where('origin == "NYC" and dest == "LAX" and price < 300'), top(5, "price", False), select("name", "price")],
    ),
    (
        "top 5 cheapest flights from NYC to LAX under $300 with name and price",
        None,
        [
            where('origin == "NYC" and destination == "LAX" and price < 300'),
            top(5, "price", False),
            select("name", "price"),
        ],
    ),
    (
        "I'd like to see flights to Denver sorted by departure time",
        None,
        [where('destination == "Denver"'), sort(("departure_time", False))],
    ),
    (
        "show name, price and carrier for flights under $200",
        FLIGHTS,
        [where("price < 200"), select("name", "price", "carrier")],
    ),
    (
        "Give me the 10 cheapest flights, only name and price",
        FLIGHTS,
        [top(10, "price", False), select("name", "price")],
    ),
    ("the cheapest flight to Boston", FLIGHTS, [where('dest == "Boston"'), top(1, "price", False)]),
    (
        "what are the 3 cheapest flights from BOS with no stops?",
        FLIGHTS,
        [where('origin == "BOS" and stops == 0'), top(3, "price", False)],
    ),
    (
        "how many flights from NYC are under $300",
        None,
        [where('origin == "NYC" and price < 300'), group([], count=COUNT)],
    ),
    (
        "count open orders by region, highest first",
        ORDERS,
        [where('status == "open"'), group(["region"], count=COUNT), sort(("count", True))],
    ),
    (
        "emails of customers in the north region",
        ORDERS,
        [where('region == "north"'), select("email")],
    ),
    (
        "price between 200 and 400 sorted by price",
        FLIGHTS,
        [where("price >= 200 and price <= 400"), sort(("price", False))],
    ),
    (
        "could you fetch the 5 highest rated hotels with at least 100 reviews?",
        None,
        [where("reviews >= 100"), top(5, "rating", True)],
    ),
]

ALL_CASES = RANKINGS + SORTS + FILTERS + GROUPS + SHAPES + COMBINED


def _ids(cases: list[tuple[str, list[str] | None, Steps]]) -> list[str]:
    return [f"{prompt}{'' if columns is None else ' [columns]'}" for prompt, columns, _ in cases]


@pytest.mark.parametrize(("prompt", "columns", "expected"), RANKINGS, ids=_ids(RANKINGS))
def test_it_reads_rankings(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), SORTS, ids=_ids(SORTS))
def test_it_reads_sorting(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), FILTERS, ids=_ids(FILTERS))
def test_it_reads_conditions(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), GROUPS, ids=_ids(GROUPS))
def test_it_reads_aggregates(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), SHAPES, ids=_ids(SHAPES))
def test_it_reads_the_shape_of_the_answer(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), COMBINED, ids=_ids(COMBINED))
def test_it_orders_combined_steps_filter_group_rank_select(prompt, columns, expected):
    assert parsed(prompt, columns).steps == expected


@pytest.mark.parametrize(("prompt", "columns", "expected"), ALL_CASES, ids=_ids(ALL_CASES))
def test_every_understood_prompt_places_all_its_words(prompt, columns, expected):
    assert parsed(prompt, columns).unmatched == []


def test_every_step_list_is_json_serialisable():
    for prompt, columns, _ in ALL_CASES:
        result = parsed(prompt, columns)
        assert json.loads(json.dumps(result.steps)) == result.steps, prompt
        assert result.explanation and "\n" not in result.explanation, prompt


def test_every_condition_is_in_the_pipeline_expression_language():
    from agentrunner.pipeline import expressions

    for prompt, columns, _ in ALL_CASES:
        for step in parsed(prompt, columns).steps:
            if step["op"] == "filter":
                expressions.compile_expression(step["where"])


def test_every_step_list_passes_the_pipeline_checks_on_its_columns():
    from agentrunner.pipeline import validate_pipeline

    for prompt, columns, _ in ALL_CASES:
        validate_pipeline(parsed(prompt, columns).steps, columns=columns)


def test_word_salad_never_raises_and_gives_json_or_none():
    words = " ".join(prompt for prompt, _, _ in ALL_CASES).split() + list("$%,.;:!?\"'()<>=|«»-_/") + ["5k", "1,000"]
    generator = random.Random(7)
    for _ in range(1500):
        prompt = " ".join(generator.choice(words) for _ in range(generator.randint(0, 12)))
        for columns in (None, FLIGHTS):
            result = parse_request(prompt, columns)
            assert result is None or (result.steps and json.loads(json.dumps(result.steps)) == result.steps), prompt


NOT_REQUESTS = [
    "always email me when prices drop",
    "whenever a user signs up, notify slack",
    "if the price drops below $100, send me an alert",
    "remind me every monday to check the flights",
    "add a notification step after processing",
    "from now on sort results by price",
    "email me the top 10 flights",
    "hello",
    "thanks!",
    "ok",
    "",
    "42",
    "what's the weather like",
    "show me the weather forecast for Berlin",
    "tell me a joke",
    "how are you?",
    "what time is it",
    "summarize the open PRs for me",
    "who is assigned to the checkout bug?",
    "list the emails",  # columns unknown: "emails" may be the rows asked for
    "re-run the failed step",
    "top 3 products per category",  # ranking inside each group: no step does it
]


@pytest.mark.parametrize("prompt", NOT_REQUESTS)
def test_it_returns_none_for_what_it_cannot_map(prompt):
    assert parse_request(prompt) is None


UNPLACED: list[tuple[str, list[str], Steps, list[str]]] = [
    ("sort by colour", FLIGHTS, [sort(("colour", False))], ["colour"]),
    ("only name and colour", FLIGHTS, [select("name", "colour")], ["colour"]),
    ("show the colour column", ORDERS, [select("colour")], ["colour"]),
    ("flights with more than 2 layovers", FLIGHTS, [where("layovers > 2")], ["layovers"]),
    ("get all products where stock is less than 10", ORDERS, [where("stock < 10")], ["stock"]),
    ("count per category", FLIGHTS, [group(["category"], count=COUNT)], ["category"]),
    ("total sales by region", FLIGHTS, [group(["region"], total_sales=("sum", "sales"))], ["sales", "region"]),
    (
        "flights from NYC that are not cancelled",
        FLIGHTS,
        [where('origin == "NYC" and status != "cancelled"')],
        ["cancelled"],
    ),
    ("the newest flights", ["id", "price"], [sort(("date", True))], ["newest"]),
    ("what's the total if we remove the refunded orders?", ORDERS, [where('status != "refunded"')], ["total"]),
    ("give me the totals per month", ["month", "amount"], [group(["month"], count=COUNT)], ["totals"]),
]


@pytest.mark.parametrize(("prompt", "columns", "expected", "unmatched"), UNPLACED, ids=[case[0] for case in UNPLACED])
def test_it_reports_words_naming_no_known_column(prompt, columns, expected, unmatched):
    result = parsed(prompt, columns)
    assert result.steps == expected
    assert result.unmatched == unmatched


def test_it_reports_dates_relative_to_today_as_unmatched():
    result = parsed("flights from NYC to LA under $250 next friday", FLIGHTS)
    assert result.steps == [where('origin == "NYC" and dest == "LA" and price < 250')]
    assert result.unmatched == ["next friday"]
    assert parse_request("orders from last week", ORDERS) is None


def test_a_url_becomes_the_first_step_and_its_columns_are_unknown():
    result = parsed("fetch https://api.example.com/flights.json and show the top 5 by fare", FLIGHTS)
    assert result.steps == [
        {"op": "http_request", "url": "https://api.example.com/flights.json"},
        top(5, "fare", True),
    ]
    assert result.url == "https://api.example.com/flights.json"
    assert result.unmatched == []


def test_a_plain_fetch_is_only_the_http_step():
    result = parsed("get https://example.com/data.csv.")
    assert result.steps == [{"op": "http_request", "url": "https://example.com/data.csv"}]
    assert result.explanation == "fetch https://example.com/data.csv"


def test_the_explanation_says_how_the_request_was_read():
    assert parsed("top 10 flights by price").explanation == "top 10 rows by price (largest first)"
    assert parsed("the 5 cheapest flights from NYC", FLIGHTS).explanation == (
        'rows where origin == "NYC"; top 5 rows by price (smallest first)'
    )
    assert parsed("average price per origin").explanation == "average price per origin"
    assert parsed("how many rows").explanation == "count over all rows"
    assert parsed("sort by carrier then price descending").explanation == (
        "sorted by carrier (ascending), then price (descending)"
    )


def test_quoted_values_keep_their_case_and_spaces():
    assert parsed("where assignee is \u201cMaria Lopez\u201d", TICKETS).steps == [where('assignee == "Maria Lopez"')]
    assert parsed('title containing "Can\'t Log In"', TICKETS).steps == [where('contains(title, "Can\'t Log In")')]


def test_columns_that_are_not_identifiers_are_backticked():
    result = parsed("where unit price is under 20", ["Unit Price", "name"])
    assert result.steps == [where("`Unit Price` < 20")]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["departure", "time"], "departure_time"),
        (["Departure-Time"], "departure_time"),
        (["prices"], "price"),
        (["departure"], "departure_time"),
        (["fare"], "price"),
        (["airline"], "carrier"),
        (["minutes"], "duration_minutes"),
        (["ids"], "id"),
        (["flights"], None),
        (["colour"], None),
    ],
)
def test_column_matching_forgives_case_separators_plurals_and_synonyms(words, expected):
    assert ColumnMatcher(FLIGHTS).match(words) == expected


def test_an_entity_does_not_match_its_identifier_column():
    assert ColumnMatcher(ORDERS).match(["orders"]) is None
    assert ColumnMatcher(ORDERS).match(["order", "id"]) == "order_id"


def test_without_columns_nothing_matches_and_concepts_use_their_names():
    matcher = ColumnMatcher(None)
    assert matcher.match(["price"]) is None
    assert parsed("the newest orders").steps == [sort(("date", True))]


def test_prepare_writes_numbers_out_and_sets_quotes_and_urls_aside():
    prepared = prepare(
        "Please show flights under $1,500 or 5k, rated 4+ and 20% off, named 'Red Eye' at https://x.io/a"
    )
    assert (
        prepared.text == "show flights under 1500 dollars or 5000 , rated 4 or more and 20 percent off , named «0» at"
    )
    assert prepared.quoted == ["Red Eye"]
    assert prepared.urls == ["https://x.io/a"]


def test_prepare_cuts_polite_prefixes_and_expands_contractions():
    assert prepare("Can you show me orders that aren't shipped?").text == "show me orders that are not shipped ,"
    assert prepare("I'd like to see the top 5").text == "see the top 5"
    assert prepare("LIST ALL LEADS FROM THE WEBINAR").text == "list all leads from the webinar"
