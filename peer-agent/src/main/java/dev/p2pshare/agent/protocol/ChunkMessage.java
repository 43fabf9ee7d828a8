package dev.p2pshare.agent.protocol;

/**
 * The server sends a chunk: this header, then {@code header.length()} raw bytes.
 *
 * @param header the chunk header
 */
public record ChunkMessage(ChunkHeader header) implements ServerMessage {

}
