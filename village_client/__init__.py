"""The village and sub-district laptop client: offline capture, outbox, scheduled sync, relay."""
