import CLibgit2
