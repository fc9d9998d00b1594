"""Find the catalog tools a workflow needs from the one sentence that describes it: a model-free ranker.

Pure Python (no Django, no I/O, no model). `ToolIndex.build(docs)` indexes the tools once; `search(prompt)`
answers in about a millisecond on the shipped catalog (~630 tools), so it can run on every keystroke.

How a prompt is read:

- Steps. A workflow sentence chains steps ("when X in GitHub, post it to Slack and create a Jira ticket"),
  and each step needs its own tool, so the prompt is cut into clauses at punctuation, "then", "and <verb>",
  and before an event word ("when", "whenever", "for each", ...). A clause with no words of its own joins a
  neighbour: "in Slack" the step before it, "every Monday" the step after it.
- Named toolkits. A toolkit named in a clause (by name, slug, a multiword name such as "google sheets", a
  name without its vendor such as "Teams", or a common alias such as "gsheets") scopes that clause to its
  tools. Names that are everyday words in a workflow prompt ("Box", "X", "Teams", "Sheets", "Monday") count
  only when capitalised; "Monday" also not when it reads as a day ("every Monday", "Monday at 9"), and a lone
  "X" not as a quantity ("every X minutes").
- Reading steps. The catalog holds actions, not triggers, so an event clause ("when a new issue is opened
  in GitHub") needs a tool that reads the new items: its event verbs ("opened", "comes in") are dropped,
  since they would pull in the create/update tools, "list" and what the event implies ("submitted" ->
  responses) are added, and read tools get a boost. A toolkit that items are taken from inside an action
  clause reads the same way: "new Gmail attachments", "all Xero invoices", "from Stripe"; every toolkit
  after a reading verb ("get Stripe charges"); the ones not acted on when a verb moves items to a named
  place ("copy Dropbox files to Box", "log Zoom attendees into a spreadsheet"); and the ones a verb that
  names its own channel takes items from ("email me the closed Jira issues"). Such a toolkit is searched with
  the words about its items only; when no toolkit is acted on, the action is also looked for elsewhere (and,
  unless the verb names its channel, in the source toolkit too: "reply to new Freshdesk tickets").
- Words. Terms are lower-cased, stop words and times of day dropped, suffixes stripped by a small stemmer.
  A table of general synonyms (send/post, create/add/make, ticket/issue, sheet/spreadsheet, meeting/event,
  ...) adds related terms at a lower weight, more for the clause's leading verb, which is interchangeable
  with its group ("add the customer" ~ "create a contact"); a synonym never counts more than the word
  written (its weight is capped by the idf ratio). A channel ("#dev"), an e-mail address, or "by email"
  adds its noun, and "add X to <toolkit>" creates X there.

- Before cutting: long words one edit from a known word are corrected ("spreadhseet"), two-word verbs read as
  one ("spin up" -> create), and within a step a toolkit's name used as a verb sends through it ("slack me
  the open merge requests"). Two verbs sharing an object ("create and send a campaign") make two steps.
- Finding first: a step that acts on items picked by a rule or a name ("label every email from X", "move the
  card 'Y'") also gets a reading tool of the toolkit it acts in; files carried elsewhere are downloaded from
  their source; a reading verb's target ("pull the attendees into a sheet") is written to. A step naming no
  toolkit may go on in the one before ("create a Slack channel and invite the responders"). A tool whose
  name starts with the step's verb, or one of its group, gets a small lift ("change" -> "Update ...").

Modules: words (tokens, stemmer), synonyms, spelling, toolkits (names), clauses (one step), steps (cutting
the prompt), index (scoring and ranking).

Scoring is BM25F over the tool's name, slug words, tags, description and its toolkit's name and description
(categories included), with field weights; the per-term contributions are computed at build time, so a
query only adds numbers from a few posting lists. A tool tagged "important" gets a lift that settles ties
between tools that say the same thing. Deprecated tools are never returned.

Results are diversified: the best tool of every step (each toolkit a clause names, or the whole catalog for
a clause that names none) comes first, in prompt order, so a prompt that names two products gets tools from
both; then the rest by their score relative to the best of their step (or of the whole prompt, counted a
little less), each further tool from an already chosen toolkit counting a little less again. When the prompt
names products, a step that names none still leads with its best tool, but its other tools count half, so
they fill places after the named products' tools; and a step that acts on items of a named product ("move
the Trello card 'X' to Done") looks for the action elsewhere only as a fallback, unless it fits better
elsewhere. `Hit.score` is that ranking score: 1 for a step's best tool, below it for the others. Every hit
says why it was chosen.
"""

from .clauses import READ_VERBS, Clause
from .index import Hit, ToolDoc, ToolIndex, docs_from_catalog_file
from .steps import analyse
from .synonyms import VERB_GROUPS
from .toolkits import ToolkitNames
from .words import STOPWORDS, stem, tokenize

# The prompt reader is shared with the built-in composer (catalog.composer), which plans its steps with it.
__all__ = [
    "READ_VERBS",
    "STOPWORDS",
    "VERB_GROUPS",
    "Clause",
    "Hit",
    "ToolDoc",
    "ToolIndex",
    "ToolkitNames",
    "analyse",
    "docs_from_catalog_file",
    "stem",
    "tokenize",
]
