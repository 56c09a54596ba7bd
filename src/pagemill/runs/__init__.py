"""What every processor run shares (parse, extract, classify, split, edit): file inputs, statuses, outputs in
storage, cancellation, batches. Each processor's feature folder adds its own endpoints, config and job."""
