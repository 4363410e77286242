"""Running the tracker at national scale: replicas, load and fault tests, backups."""
