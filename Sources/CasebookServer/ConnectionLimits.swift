import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// What one connection may cost the preview server: how long it may take to send a request's headers,
/// how long it may sit idle, and how large its headers may be.
public struct ConnectionLimits: Sendable, Equatable {
    /// Seconds a connection may go without a complete request: from when it opens, or from the end of
    /// the previous response, until its next request's headers are all in. It is both the header timeout
    /// (a client sending headers slowly, however steadily, is closed after it) and the keep-alive idle
    /// timeout. Never applies while a response is being sent, so the event stream stays open.
    public var requestTimeout: Double = 10
    /// Bytes of request line and headers, together; a request over it gets 400 and its connection is closed.
    public var maxHeaderBytes = 64 * 1024
    /// Header fields in one request (a browser sends about 20).
    public var maxHeaderFields = 200

    public init() {}

    /// Hummingbird's HTTP/1 channel with these limits. Its idle timer only restarts when a whole request
    /// part has been parsed, never on stray bytes, which is what makes it a header timeout too.
    var http1: HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            additionalChannelHandlers: [CloseWhenDone()],
            idleTimeout: .milliseconds(Int64(requestTimeout * 1000)),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes,
                                            maxHeaderFieldCount: maxHeaderFields)
        )
    }
}

/// Closes connections the server is done with, instead of leaving that to the client.
///
/// - Once the server has closed its sending side. Hummingbird ends a connection that way (a half-close)
///   and then waits for the client to close; after a request it cannot parse (headers over the limit) it has
///   already stopped reading, so it never saw the client go and each such socket stayed open for good.
///   Nothing is sent after the half-close, so closing then loses nothing.
/// - After a response that starts while its request's body is still arriving (it then says
///   `Connection: close`). The server reads no bodies, and Hummingbird would otherwise wait for all of it:
///   a client sending one byte a second held the connection for as long as it liked, the request timeout
///   restarting with each byte.
final class CloseWhenDone: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    /// The current request has a body that has not all arrived yet.
    private var bodyArriving = false
    /// The response being sent says `Connection: close`: the connection ends with it.
    private var closing = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let length = head.headerFields[.contentLength]
            bodyArriving = length.map { $0 != "0" } ?? (head.headerFields[.transferEncoding] != nil)
        case .end:
            bodyArriving = false
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where bodyArriving:
            closing = true
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where closing:
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        default:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .outputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }
}
