"""`trainer serve`: the trainer's app in the browser, one app process and one data folder per visitor.

Built on textual-serve (its app process protocol and its browser client); this package adds who the
visitor is (a cookie), where their runs live (DATA/visitors/<id>/), and the bounds of a public
service (a cap on sessions, an idle timeout, processes that exit with their tab).
"""
