import typer

insight = typer.Typer()
groups = {"insight": insight}
