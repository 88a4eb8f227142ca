"""Key-area disclosure plans (重点领域公开计划): each agency's recurring disclosures with a yearly due date,
the yearly tasks they create, reminders before the date, and where each task stands."""
