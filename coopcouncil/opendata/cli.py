import typer

open_data = typer.Typer()
groups = {"open-data": open_data}
