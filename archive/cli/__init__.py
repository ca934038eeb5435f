"""The ``newsarchive`` command line (:mod:`.main`) and its plain-text reports.

May import every other part of ``archive``; nothing imports it.
"""
