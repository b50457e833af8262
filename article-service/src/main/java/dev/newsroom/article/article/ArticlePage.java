package dev.newsroom.article.article;

import java.util.List;

/** One page of a list, the total number of articles matching, and which of them the viewer favourited. */
public record ArticlePage(List<Article> articles, long total, java.util.Set<String> favoritedByViewer) {}
