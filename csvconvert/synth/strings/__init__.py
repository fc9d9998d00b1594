"""The Flash Fill-class cell-value learner: one output column from examples of input rows.

    from csvconvert.synth.strings import learn_column
    exprs = learn_column(rows, outputs, deadline=time.monotonic() + 5)

Pure Python and stdlib-only at run time: the expressions' generated code calls the helpers in
`runtime`, whose source is embedded in exported scripts.
"""

from csvconvert.synth.strings.learner import learn_column

__all__ = ["learn_column"]
