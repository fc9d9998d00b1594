"""Finding the script in a coder's reply."""

from __future__ import annotations

from csvconvert.agents.scripts import extract_script


def test_a_python_fence_is_taken_without_the_prose_around_it():
    reply = "Sure! Here you go:\n```python\nimport csv\nprint(1)\n```\nThis reads the file."

    assert extract_script(reply) == "import csv\nprint(1)\n"


def test_the_longest_python_block_wins_over_shorter_and_untagged_ones():
    reply = "```\npip install pandas\n```\n```py\nx = 1\n```\n```python\nimport csv\nrows = []\nprint(rows)\n```"

    assert extract_script(reply) == "import csv\nrows = []\nprint(rows)\n"


def test_an_untagged_fence_is_used_when_no_block_is_tagged_python():
    assert extract_script("```\nimport csv\n```") == "import csv\n"


def test_an_unclosed_fence_runs_to_the_end_of_the_reply():
    assert extract_script("```python\nimport csv\nprint('cut off')") == "import csv\nprint('cut off')\n"


def test_backticks_inside_the_code_do_not_end_the_block():
    reply = "````python\ntext = '```'\nprint(text)\n````"

    assert extract_script(reply) == "text = '```'\nprint(text)\n"


def test_bare_code_without_fences_is_accepted():
    assert extract_script("Final Answer: import csv\nprint(2)") == "import csv\nprint(2)\n"


def test_prose_alone_is_no_script():
    assert extract_script("I cannot do that, the files do not match.") is None
    assert extract_script("```text\nno code here\n```") is None
