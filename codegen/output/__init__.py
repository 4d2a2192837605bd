"""Stage four: what a build means for the tree on disk, and for its readers.

Writing (under a journal, manifest last), checking and diffing the output
directory, who owns which file, and the change report between two builds.
"""
