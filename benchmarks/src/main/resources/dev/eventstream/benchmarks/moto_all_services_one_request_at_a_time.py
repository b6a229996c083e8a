"""Every moto service (DynamoDB, SNS, ...) on 127.0.0.1, served by one thread, for the cold-start benchmark.

The JVMs it times run one after the other, so nothing waits on another client; a single thread keeps moto's own
work from competing with the JVM being timed on a machine with few cores.

Usage: python3 moto_all_services_one_request_at_a_time.py PORT
"""
import signal
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: moto_all_services_one_request_at_a_time.py PORT")
    # Stop cleanly on SIGTERM (what Process.destroy sends).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    run_simple("127.0.0.1", int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False)


if __name__ == "__main__":
    main()
