// Why a port could not be bound, in the operator's words, with the option that changes it.
const WHY = {
    EADDRINUSE: 'another program, or another feedpub, is using that port',
    EACCES: 'ports below 1024 need privileges: use 1024 or above, behind nginx (README: deploying)',
    EADDRNOTAVAIL: 'this machine has no such address',
};
/** `cannot listen on HOST:PORT (CODE: why): what to do`, naming `flag` (--port or --admin-port). */
export function cannotListen(host, port, error, flag) {
    const code = error.code ?? String(error);
    const todo = code === 'EADDRNOTAVAIL' ? 'give --host one of its addresses' : `stop it, or give ${flag} another port (0: any free port)`;
    return `cannot listen on ${host}:${port} (${code}${WHY[code] ? `: ${WHY[code]}` : ''}); ${code === 'EACCES' ? `give ${flag} another port` : todo}`;
}
//# sourceMappingURL=listen-advice.js.map