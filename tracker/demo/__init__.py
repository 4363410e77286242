"""A deterministic demo world for the default region and a synthetic national set; no I/O."""

from tracker.demo.generator import DEMO_AS_OF, DemoData, generate_demo, generate_national

__all__ = ["DEMO_AS_OF", "DemoData", "generate_demo", "generate_national"]
