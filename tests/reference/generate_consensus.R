# Consensus of several informants' maps with R's sna (Krackhardt's cognitive social structures), the
# reference for `stakemap merge` (tests/reference/consensus_reference_test.cpp).
#
# Usage: Rscript --vanilla tests/reference/generate_consensus.R > tests/reference/consensus_reference.json
#
# The three informants' maps are examples/informants/anna.json, bruno.json and carla.json. Their reports
# are written out below by hand, as d[k, i, j] = 1 when informant k reports the tie i -> j, with the
# actors in the order of the consensus map: an actor that carla's map names differently is already
# the same actor here ("comune-roma", "COMUNE DI  ROMA" is comune; "caritas-rm", "Caritas – Roma" is
# caritas; "san-vincenzo", "Societa San Vincenzo de Paoli" is svp), and an undirected relation of a
# directed map is two arcs (SPEC §2).
#
# central.graph: consensus(d, method = "central.graph"); agreement: centralgraph(d, normalize = TRUE);
# union and intersection: a tie reported by any / every informant (sna has no method for them).
# LAS.intersection and LAS.union need one report per actor: the informants are the actors anna,
# bruno and carla, and the three other actors, who are no informants, report nothing (a zero slice).

suppressPackageStartupMessages(library(sna))

actors <- c("anna", "bruno", "carla", "comune", "caritas", "svp")
informants <- c("anna", "bruno", "carla")
n <- length(actors)
d <- array(0, dim = c(length(informants), n, n))
report <- function(k, ties) {
    for (tie in ties) {
        d[k, match(tie[1], actors), match(tie[2], actors)] <<- 1
    }
}
report(1, list(c("anna", "comune"), c("anna", "caritas"), c("bruno", "comune"), c("carla", "anna"),
               c("anna", "bruno"), c("comune", "caritas"), c("caritas", "comune")))
report(2, list(c("anna", "comune"), c("bruno", "comune"), c("anna", "bruno"), c("bruno", "anna"),
               c("svp", "comune")))
report(3, list(c("anna", "comune"), c("carla", "anna"), c("carla", "bruno"),
               c("caritas", "comune"), c("svp", "comune"), c("bruno", "anna")))

las <- array(0, dim = c(n, n, n))
for (k in seq_along(informants)) {
    las[match(informants[k], actors), , ] <- d[k, , ]
}

central <- consensus(d, mode = "digraph", method = "central.graph")
agreement <- centralgraph(d, normalize = TRUE)
union <- apply(d, c(2, 3), max)
intersection <- apply(d, c(2, 3), min)
las_intersection <- consensus(las, mode = "digraph", method = "LAS.intersection")
las_union <- consensus(las, mode = "digraph", method = "LAS.union")

ties <- function(m) {
    out <- character(0)
    for (i in 1:n) for (j in 1:n) if (m[i, j] > 0) {
        out <- c(out, sprintf("[\"%s\", \"%s\"]", actors[i], actors[j]))
    }
    paste0("[", paste(out, collapse = ", "), "]")
}
shares <- character(0)
for (i in 1:n) for (j in 1:n) if (agreement[i, j] > 0) {
    shares <- c(shares, sprintf("[\"%s\", \"%s\", %.17g]", actors[i], actors[j], agreement[i, j]))
}

cat("{\n")
cat(sprintf("  \"generator\": \"tests/reference/generate_consensus.R, R %s, sna %s\",\n",
            getRversion(), packageVersion("sna")))
cat("  \"maps\": [\"examples/informants/anna.json\", \"examples/informants/bruno.json\", \"examples/informants/carla.json\"],\n")
cat(sprintf("  \"informant_actors\": [%s],\n", paste0("\"", informants, "\"", collapse = ", ")))
cat(sprintf("  \"actors\": [%s],\n", paste0("\"", actors, "\"", collapse = ", ")))
cat(sprintf("  \"central\": %s,\n", ties(central)))
cat(sprintf("  \"union\": %s,\n", ties(union)))
cat(sprintf("  \"intersection\": %s,\n", ties(intersection)))
cat(sprintf("  \"las-intersection\": %s,\n", ties(las_intersection)))
cat(sprintf("  \"las-union\": %s,\n", ties(las_union)))
cat(sprintf("  \"agreement\": [%s]\n", paste(shares, collapse = ", ")))
cat("}\n")
