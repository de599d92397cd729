"""A Modbus TCP server (pymodbus 3.0) playing a school canteen's devices, for the gateway's Modbus tests.

Units:
  1  cold store:   holding 0-1 float32, words high first ("ABCD"), 3.5; discrete input 0: door open
  2  freezer:      holding 10-11 float32, words low first ("CDAB"), -18.25; input 5: uint16 humidity x10 (655)
  3  gas detector: input 0-1 int32, words low first, %LEL x10 (125)
  4  answers every request outside its two holding registers with exception 0x02 (illegal data address)
  5  not present; the server never answers it (ignore_missing_slaves)

Prints "READY <port>" once listening (port 0 picks a free one: argv[1]). Reads commands on stdin:
  set <unit> <hr|ir> <address> <float32|int32> <big|little> <value>   (words high or low first)
and answers each with "OK". Exits when stdin closes, so it never outlives the test.
"""
import asyncio
import logging
import sys
import threading

from pymodbus.constants import Endian
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server import StartAsyncTcpServer

logging.basicConfig(level=logging.CRITICAL)


def registers(kind, word_order, value):
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big if word_order == "big" else Endian.Little)
    if kind == "float32":
        builder.add_32bit_float(float(value))
    else:
        builder.add_32bit_int(int(value))
    return builder.to_registers()


def full():
    return ModbusSequentialDataBlock(0, [0] * 200)


def slaves():
    cold = ModbusSlaveContext(hr=full(), ir=full(), co=full(), di=ModbusSequentialDataBlock(0, [True] + [False] * 199),
                              zero_mode=True)
    cold.setValues(3, 0, registers("float32", "big", 3.5))
    freezer = ModbusSlaveContext(hr=full(), ir=full(), co=full(), di=full(), zero_mode=True)
    freezer.setValues(3, 10, registers("float32", "little", -18.25))
    freezer.setValues(4, 5, [655])
    gas = ModbusSlaveContext(hr=full(), ir=full(), co=full(), di=full(), zero_mode=True)
    gas.setValues(4, 0, registers("int32", "little", 125))
    faulty = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, [0, 0]), ir=ModbusSequentialDataBlock(0, [0]),
                                co=ModbusSequentialDataBlock(0, [0]), di=ModbusSequentialDataBlock(0, [0]), zero_mode=True)
    return {1: cold, 2: freezer, 3: gas, 4: faulty}


def commands(loop, context):
    for line in sys.stdin:
        words = line.split()
        if len(words) == 7 and words[0] == "set":
            _, unit, table, address, kind, order, value = words
            fc = 3 if table == "hr" else 4
            loop.call_soon_threadsafe(context[int(unit)].setValues, fc, int(address), registers(kind, order, value))
            print("OK", flush=True)
    loop.call_soon_threadsafe(loop.stop)


async def main(port):
    context = ModbusServerContext(slaves=slaves(), single=False)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port), defer_start=True,
                                       ignore_missing_slaves=True)
    serving = asyncio.ensure_future(server.serve_forever())
    await server.serving
    print("READY", server.server.sockets[0].getsockname()[1], flush=True)
    threading.Thread(target=commands, args=(asyncio.get_running_loop(), context), daemon=True).start()
    await serving


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
    except RuntimeError:
        pass  # the loop was stopped when stdin closed
