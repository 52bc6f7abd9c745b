"""PB pages: the process, proposing, reviewing, the ballot, results and delivery.

One module per stage of a process; `urls.py` imports the views from them.
"""
