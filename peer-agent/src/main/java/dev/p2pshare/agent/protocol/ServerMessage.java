package dev.p2pshare.agent.protocol;

/** What a chunk server answers: a chunk header (the bytes follow) or an error. */
public sealed interface ServerMessage permits ChunkMessage, ErrorMessage {

}
