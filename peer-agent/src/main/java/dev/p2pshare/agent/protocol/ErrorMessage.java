package dev.p2pshare.agent.protocol;

/**
 * The server refuses a request.
 *
 * @param error the code and reason
 */
public record ErrorMessage(ErrorFrame error) implements ServerMessage {

}
