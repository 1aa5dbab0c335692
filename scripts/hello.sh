#!/bin/sh
# Says hello. Deckhand passes the name as one argument; it is never parsed by a shell.
name="${1:-world}"
echo "Hello, ${name}!"
echo "Running on $(hostname) as $(id -un), in $(pwd)"
