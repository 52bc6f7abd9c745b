def demo_load() -> str:
    return ""
