"""The window's pages: Home (search and guided answers, with its results list), the policy
reader, a guided answer, compare schools, the self-check, and presenter mode (a window of its
own). Each takes core objects and the colours; none imports another page or the main window."""
