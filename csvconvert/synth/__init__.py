"""csvconvert's synthesis engine: learn CSV-to-CSV programs from examples, without an LLM.

    from csvconvert.synth import learn, Program, NoProgramFound
    program = learn([(input_rows, output_rows)])
    program.apply(new_rows); program.apply_csv("in.csv", "out.csv"); program.to_python()

Pure Python: no Django imports here.
"""

# Importing the families registers their steps and expressions, so Program.from_json works
# in a process that never learned anything.
from csvconvert.synth import strings, tables  # noqa: F401
from csvconvert.synth.learning import cell_differences, diff_tables, learn
from csvconvert.synth.program import ConversionError, NoProgramFound, Program

__all__ = ["ConversionError", "NoProgramFound", "Program", "cell_differences", "diff_tables", "learn"]
