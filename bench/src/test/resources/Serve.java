import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves one file to every connection: java Serve.java ADDRESS PORT FILE. */
public class Serve {

	public static void main(String[] args) throws Exception {
		byte[] file = Files.readAllBytes(Path.of(args[2]));
		try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
			System.out.println("listening");
			while (true) {
				try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
					out.write(file);
				}
			}
		}
	}

}
