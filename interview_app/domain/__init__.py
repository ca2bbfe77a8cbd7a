"""Pure-Python rules of an interview: scripts, conditions, the engine; never imports Qt."""
