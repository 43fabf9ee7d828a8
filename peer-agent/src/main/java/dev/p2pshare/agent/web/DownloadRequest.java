package dev.p2pshare.agent.web;

import dev.p2pshare.dto.validation.FileName;

/**
 * Start downloading a file the tracker lists.
 *
 * @param fileName the file's name in the swarm
 */
record DownloadRequest(@FileName String fileName) {

}
