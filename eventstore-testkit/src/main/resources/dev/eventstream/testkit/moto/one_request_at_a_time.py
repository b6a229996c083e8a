"""moto's DynamoDB served one request at a time, on 127.0.0.1.

moto's own server (python3 -m moto.server) is threaded, and its DynamoDB checks a condition and then writes with
no lock between, so two conditional writes arriving together can both pass. Served by a single thread, every
request runs alone, so a condition and its write are one step, as on DynamoDB.

Only DynamoDB, DynamoDB Streams and moto's own API (/moto-api: reset, readiness) are served. Any other service is
refused with HTTP 501: on a server that answers one request at a time, an SQS long poll would stall every other
client, so such a request must fail at once instead of hanging. With --all-services every service is served, for a
single client at a time (the cold-start benchmark's JVMs, run one after the other), where no long poll can stall
another.

Usage: python3 one_request_at_a_time.py PORT [--all-services]
"""
import signal
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

SERVED = {"dynamodb", "dynamodbstreams", "moto_api"}


def refuse(service):
    body = ("this moto server serves DynamoDB only, one request at a time; %s needs the threaded server\n"
            % service).encode("utf-8")

    def app(environ, start_response):
        start_response("501 Not Implemented", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def create_app(service):
    return create_backend_app(service) if service in SERVED else refuse(service)


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--all-services"):
        sys.exit("usage: one_request_at_a_time.py PORT [--all-services]")
    port = int(sys.argv[1])
    app = create_backend_app if len(sys.argv) == 3 else create_app
    # Stop cleanly on SIGTERM (what Process.destroy sends), as moto's own server does.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    run_simple("127.0.0.1", port, DomainDispatcherApplication(app), threaded=False)


if __name__ == "__main__":
    main()
