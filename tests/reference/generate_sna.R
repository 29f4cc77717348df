# Gould–Fernandez brokerage roles with R's sna, for tests/reference/generate.py (which runs it).
#
# Usage: Rscript --vanilla generate_sna.R DIR NAME...
# For each NAME reads DIR/NAME.adjacency.csv (directed binary adjacency matrix, no header, rows and
# columns in the map's actor order; an undirected relation is two arcs) and DIR/NAME.groups.csv
# (header "id,group", one row per actor in the same order), runs sna::brokerage(g, cl) and writes the
# observed counts raw.nli to DIR/NAME.brokerage.csv: id,w_I,w_O,b_IO,b_OI,b_O,t.

suppressPackageStartupMessages(library(sna))

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
for (name in args[-1]) {
    g <- as.matrix(read.csv(file.path(dir, paste0(name, ".adjacency.csv")), header = FALSE))
    dimnames(g) <- NULL
    groups <- read.csv(file.path(dir, paste0(name, ".groups.csv")), colClasses = "character",
                       encoding = "UTF-8")
    stopifnot(nrow(g) == ncol(g), nrow(g) == nrow(groups))
    b <- brokerage(g, groups$group)
    out <- data.frame(id = groups$id, b$raw.nli, check.names = FALSE)
    write.csv(out, file.path(dir, paste0(name, ".brokerage.csv")), row.names = FALSE,
              fileEncoding = "UTF-8")
}
