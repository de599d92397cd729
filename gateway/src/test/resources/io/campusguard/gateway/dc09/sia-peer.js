// The independent DC-09 receiver for Dc09PeerTest: iobroker.sia's sia.js, started on free TCP and UDP ports.
// argv[2]: the folder holding node_modules/iobroker.sia; argv[3]: JSON array of its accounts.
// Prints "ports TCP UDP" once both listen; then answers stdin lines "encrypt KEYHEX TEXT" with the hex its AES
// routine makes (encrypt_hex), one line each.
const path = require('path');
const readline = require('readline');
const { sia } = require(path.join(process.argv[2], 'node_modules', 'iobroker.sia', 'build', 'lib', 'sia.js'));

const receiver = new sia({ host: '127.0.0.1', port: 0, timeout: 40, sockend: true });
receiver.setAccounts(JSON.parse(process.argv[3]));
receiver.on('error', () => {});
let tcp = 0;
let udp = 0;
const ready = () => { if (tcp && udp) { process.stdout.write(`ports ${tcp} ${udp}\n`); } };
receiver.servertcp.on('listening', () => { tcp = receiver.servertcp.address().port; ready(); });
receiver.serverudp.on('listening', () => { udp = receiver.serverudp.address().port; ready(); });
receiver.serverStartTCP();
receiver.serverStartUDP();

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [op, key, ...text] = line.split(' ');
  if (op === 'encrypt') {
    process.stdout.write(receiver.encrypt_hex(Buffer.from(key, 'hex'), text.join(' ')) + '\n');
  }
});
process.stdin.on('end', () => process.exit(0));
