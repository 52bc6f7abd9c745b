"""Writes for local democracy, one module per part of the partnership's work.

Every service is keyword-only, runs in one transaction, asks the permission layer,
writes one audit event and sends its emails only after the commit.
"""
