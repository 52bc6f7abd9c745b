"""Pure rules every app shares (no Django): today, how API keys are made and checked."""
