"""Background loop services: small single-purpose maintenance loops that run beside the engine's workers
(in the server with role `all`, and in every `pagemill worker`). Each is safe to run in several processes."""
