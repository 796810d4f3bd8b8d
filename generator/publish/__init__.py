"""Publishing: build into a fresh folder and swap it in, pack reproducible archives, verify them."""
