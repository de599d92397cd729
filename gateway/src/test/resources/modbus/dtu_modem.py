"""A 4G data modem (DTU) that dials in to the gateway, for the gateway's dial-in tests.

  dtu_modem.py HOST PORT REGISTRATION HEARTBEAT VALUE

Connects to HOST:PORT, sends REGISTRATION, then HEARTBEAT every 0.2 s, and answers Modbus RTU requests on that
connection with pymodbus 3.0's own server request handling and RTU framer, as the serial device behind the modem
would: unit 1 holds VALUE as float32 (high word first) in holding registers 0-1. Prints "CONNECTED" once the
registration is sent and "CLOSED" when the gateway closes the connection, then exits. Exits when stdin closes.
"""
import asyncio
import logging
import sys
import threading

from pymodbus.constants import Endian
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server.async_io import ModbusConnectedRequestHandler, ModbusTcpServer
from pymodbus.transaction import ModbusRtuFramer

logging.basicConfig(level=logging.CRITICAL)


async def main(host, port, registration, heartbeat, value):
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    builder.add_32bit_float(value)
    unit = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, [0] * 20), zero_mode=True)
    unit.setValues(3, 0, builder.to_registers())
    context = ModbusServerContext(slaves={1: unit}, single=False)
    # The server object is only the handler's owner (framer, decoder, context); it never listens.
    owner = ModbusTcpServer(context, framer=ModbusRtuFramer, address=("127.0.0.1", 0), defer_start=True)
    loop = asyncio.get_running_loop()
    closed = loop.create_future()

    class Modem(ModbusConnectedRequestHandler):
        def connection_lost(self, call_exc):
            super().connection_lost(call_exc)
            if not closed.done():
                closed.set_result(True)

    transport, _ = await loop.create_connection(lambda: Modem(owner), host, port)
    transport.write(registration)
    print("CONNECTED", flush=True)

    async def beat():
        while True:
            await asyncio.sleep(0.2)
            transport.write(heartbeat)

    beating = asyncio.ensure_future(beat())
    threading.Thread(target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(transport.close)), daemon=True).start()
    await closed
    beating.cancel()
    print("CLOSED", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4].encode(), float(sys.argv[5])))
