"""The merchant dashboard: today's trade figures, work waiting for staff, a week of history."""
