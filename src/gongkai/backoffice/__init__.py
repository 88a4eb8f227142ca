"""The staff back office: work queues, drafting, review and publication. Views are thin: forms in,
services do the writing, selectors do the reading."""
