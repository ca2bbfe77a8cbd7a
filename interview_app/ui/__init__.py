"""Qt widgets; they render state and emit intents, and hold no rules of their own."""
