"""csvconvert's LLM path: planner and coder agents (CrewAI) write a script, the sandbox tests it.

    from csvconvert.agents import agents_available, synthesize_script, AgentOutcome

    if agents_available():
        outcome = synthesize_script(input_csv=..., expected_csv=..., closest=..., on_cycle=progress)
        if outcome.ok:
            save(outcome.script, source="llm", usage=outcome.usage)

Each cycle (at most WFP_AGENT_MAX_CYCLES, default 5): the planner reads both files (header, row
count, first rows), the engine's closest candidate and its differences, the user's notes and the
last verdict, and writes a plan; the coder turns the plan into a script; the tester (plain Python,
not a model) runs the script in wfplatform.sandbox on the training input and compares output.csv
with the expected file cell by cell. The verdict and the first differences go to the next cycle.
"""

from csvconvert.agents.loop import AgentOutcome, agents_available, synthesize_script

__all__ = ["AgentOutcome", "agents_available", "synthesize_script"]
