"""Webhooks: endpoints and resource subscriptions (Extend §B10), signed deliveries with retries and a delivery
log, and `service.emit`, the one function other features call to fire an event of the catalogue (`events`)."""
