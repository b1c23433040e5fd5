"""Training: the loop, its resumable state and data augmentation."""
