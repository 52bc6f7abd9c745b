"""Web pages for devolved money: public pages, finance, autonomy and the ladder, ward budgets."""
