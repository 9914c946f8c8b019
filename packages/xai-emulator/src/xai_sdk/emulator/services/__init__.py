"""The emulator's implementation of each service of the API, one module per service.

A service class is named after its gRPC service and has one method per RPC it implements,
taking the request and an `EmulatorCall`; RPCs it does not implement answer UNIMPLEMENTED.
"""
