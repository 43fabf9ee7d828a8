package dev.p2pshare.dto;

import java.util.List;

/**
 * FILE_LIST: every file at least one live peer holds, by name.
 *
 * @param count the number of files
 * @param files the files, sorted by name
 */
public record FileList(int count, List<FileSummary> files) {
}
