using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Services.Dhcp
{
    /// <summary>The state machine of RFC 2131 §4.4 (figure 5): timers, received messages, transitions.</summary>
    public sealed partial class DhcpClient
    {
        /// <summary>
        /// Handles what arrived on port 68, fires due timers (retransmissions, probes, T1, T2,
        /// expiry) and returns when it next needs a call (NetTime.Never when stopped).
        /// </summary>
        public long Poll(long nowMs)
        {
            if (_state == DhcpState.Stopped)
            {
                return NetTime.Never;
            }

            bool up = _stack.Device.IsLinkUp;
            if (up && !_linkUp)
            {
                LinkCameUp(nowMs);
            }

            _linkUp = up;

            for (int i = 0; i < MaxReceivesPerPoll && _state != DhcpState.Stopped; i++)
            {
                int n;
                uint from;
                int port;
                SocketError e = _udp.ReceiveFrom(_socket, _rx, 0, _rx.Length, out n, out from, out port);
                if (e == SocketError.WouldBlock)
                {
                    break;
                }

                if (e == SocketError.MessageSize)
                {
                    _counters.Oversized++;
                    continue;
                }

                if (e != SocketError.Success)
                {
                    break;
                }

                Input(n, port, nowMs);
            }

            if (_state == DhcpState.Checking && _arp.ProbeClaimed)
            {
                Decline(nowMs);
            }

            // A handler may fire the next one at once (expiry → DISCOVER): bounded by the states.
            for (int guard = 0; guard < 4 && _state != DhcpState.Stopped && nowMs >= _timer; guard++)
            {
                Timer(nowMs);
            }

            // More datagrams than one Poll takes: ask to be called again at once.
            if (_state != DhcpState.Stopped && _udp.QueuedDatagrams(_socket) > 0)
            {
                return nowMs;
            }

            return _timer;
        }

        // ---- timers ------------------------------------------------------------------

        private void Timer(long nowMs)
        {
            switch (_state)
            {
                case DhcpState.Init:
                    SendDiscover(nowMs, true);
                    break;
                case DhcpState.Selecting:
                    SendDiscover(nowMs, false);
                    break;
                case DhcpState.Requesting:
                    if (_tries > _requestRetries)
                    {
                        // No answer to the REQUEST: the offer is gone, start over (RFC 2131 §4.4.1).
                        EnterInit(nowMs, 0);
                    }
                    else
                    {
                        SendRequest(nowMs);
                    }

                    break;
                case DhcpState.Rebooting:
                    RebootTimer(nowMs);
                    break;
                case DhcpState.Checking:
                    ProbeTimer(nowMs);
                    break;
                case DhcpState.Bound:
                    // Polled late (a stalled loop) the lease may be further along than T1.
                    if (nowMs >= _expiryMs)
                    {
                        LoseLease(nowMs);
                    }
                    else if (nowMs >= _t2Ms)
                    {
                        EnterRebinding(nowMs);
                    }
                    else
                    {
                        EnterRenewing(nowMs);
                    }

                    break;
                case DhcpState.Renewing:
                    if (nowMs >= _t2Ms)
                    {
                        EnterRebinding(nowMs);
                    }
                    else
                    {
                        SendRequest(nowMs);
                    }

                    break;
                case DhcpState.Rebinding:
                    if (nowMs >= _expiryMs)
                    {
                        LoseLease(nowMs);
                    }
                    else
                    {
                        SendRequest(nowMs);
                    }

                    break;
                default:
                    _timer = NetTime.Never;
                    break;
            }
        }

        private void RebootTimer(long nowMs)
        {
            if (_hasLease && nowMs >= _expiryMs)
            {
                LoseLease(nowMs);
                return;
            }

            if (_tries <= _requestRetries)
            {
                SendRequest(nowMs);
                return;
            }

            if (_hasLease)
            {
                // RFC 2131 §3.2 step 3: no answer, so keep using the unexpired lease.
                SetState(DhcpState.Bound);
                ScheduleLeaseTimer(nowMs);
                return;
            }

            EnterInit(nowMs, 0);
        }

        private void ProbeTimer(long nowMs)
        {
            if (_probesSent < _arpProbes)
            {
                _arp.Probe(_offeredAddress);
                _probesSent++;
                _timer = NetTime.After(nowMs, _arpProbeIntervalMs);
                return;
            }

            _arp.StopProbe();
            Bind(nowMs);
        }

        /// <summary>RFC 2131 §4.1: 4 s, doubling up to the cap, each randomised by ±1 s.</summary>
        private long Backoff(int transmissions)
        {
            long interval = 4000;
            for (int i = 1; i < transmissions && interval < _maxBackoffMs; i++)
            {
                interval *= 2;
            }

            if (interval > _maxBackoffMs)
            {
                interval = _maxBackoffMs;
            }

            return interval + _random.Next(2001) - 1000;
        }

        /// <summary>RFC 2131 §4.4.5: half the time left until limit, but no less than 60 s, and never past limit.</summary>
        private static long RenewRetransmitAt(long nowMs, long limitMs)
        {
            if (limitMs == NetTime.Never)
            {
                return NetTime.Never;
            }

            long wait = (limitMs - nowMs) / 2;
            if (wait < MinRenewRetransmitMs)
            {
                wait = MinRenewRetransmitMs;
            }

            long at = NetTime.After(nowMs, wait);
            return at > limitMs ? limitMs : at;
        }

        // ---- transitions -------------------------------------------------------------

        private void SetState(DhcpState state)
        {
            _state = state;
            // Broadcast replies are only needed while no unicast address can take them.
            bool needed = state == DhcpState.Selecting || state == DhcpState.Requesting || state == DhcpState.Rebooting
                || state == DhcpState.Rebinding;
            if (needed && !_broadcastForced)
            {
                _savedBroadcast = _stack.ReceiveBroadcast;
                _broadcastForced = true;
                _stack.ReceiveBroadcast = true;
            }
            else if (!needed && _broadcastForced)
            {
                _broadcastForced = false;
                _stack.ReceiveBroadcast = _savedBroadcast;
            }
        }

        private void EnterInit(long nowMs, long delayMs)
        {
            _arp.StopProbe();
            SetState(DhcpState.Init);
            _timer = NetTime.After(nowMs, delayMs);
            if (delayMs <= 0)
            {
                SendDiscover(nowMs, true);
            }
        }

        private void StartReboot(long nowMs, uint address)
        {
            _offeredAddress = address;
            _offerServer = 0;
            NewXid();
            _tries = 0;
            _exchangeStartMs = nowMs;
            SetState(DhcpState.Rebooting);
            SendRequest(nowMs);
        }

        private void EnterRenewing(long nowMs)
        {
            NewXid();
            _tries = 0;
            _exchangeStartMs = nowMs;
            SetState(DhcpState.Renewing);
            SendRequest(nowMs);
        }

        private void EnterRebinding(long nowMs)
        {
            // A new exchange, broadcast to any server; its send time starts the next lease.
            NewXid();
            _tries = 0;
            _exchangeStartMs = nowMs;
            SetState(DhcpState.Rebinding);
            SendRequest(nowMs);
        }

        private void LinkCameUp(long nowMs)
        {
            // RFC 2131 §3.2 / §4.4.2: after a link change, confirm the address before relying on it.
            if (_hasLease && (_state == DhcpState.Bound || _state == DhcpState.Renewing || _state == DhcpState.Rebinding))
            {
                StartReboot(nowMs, _address);
            }
            else if (_state == DhcpState.Selecting || _state == DhcpState.Requesting)
            {
                EnterInit(nowMs, 0);
            }
        }

        private void ScheduleLeaseTimer(long nowMs)
        {
            _timer = _t1Ms;
            if (_timer <= nowMs && _t1Ms != NetTime.Never)
            {
                _timer = nowMs;
            }
        }

        private void LoseLease(long nowMs)
        {
            bool had = _hasLease;
            Unconfigure();
            if (had)
            {
                _counters.LeasesLost++;
                Raise(DhcpEvent.Lost);
            }

            if (_state != DhcpState.Stopped)
            {
                EnterInit(nowMs, 0);
            }
        }

        private void Unconfigure()
        {
            if (_hasLease)
            {
                // While enabled the client owns the interface: whatever it carries goes.
                _hasLease = false;
                _stack.Unconfigure();

                if (_dnsCount > 0 && _stack.DnsServer == _dns1)
                {
                    _stack.DnsServer = 0;
                }
            }

            _t1Ms = NetTime.Never;
            _t2Ms = NetTime.Never;
            _expiryMs = NetTime.Never;
        }

        private void Shutdown()
        {
            _arp.StopProbe();
            Unconfigure();
            SetState(DhcpState.Stopped);
            _timer = NetTime.Never;
            if (_socket >= 0)
            {
                _udp.Close(_socket);
                _socket = -1;
            }
        }

        private void Decline(long nowMs)
        {
            _arp.StopProbe();
            _counters.Conflicts++;
            int n = BuildDecline(nowMs);
            if (Send(n, IPv4.LimitedBroadcast, nowMs))
            {
                _counters.DeclinesOut++;
            }

            // A renewal that moved us to a taken address leaves nothing usable either.
            bool had = _hasLease;
            Unconfigure();
            if (had)
            {
                _counters.LeasesLost++;
            }

            Raise(DhcpEvent.Declined);
            if (_state != DhcpState.Stopped)
            {
                // RFC 2131 §3.1 step 5: wait at least 10 s before starting over.
                EnterInit(nowMs, _declineWaitMs);
            }
        }

        /// <summary>The checked address is free: configure the interface and start the lease timers.</summary>
        private void Bind(long nowMs)
        {
            bool sameAddress = _hasLease && _address == _offeredAddress;
            _address = _offeredAddress;
            _mask = _pendingMask;
            _gateway = _pendingGateway;
            _server = _pendingServer;
            _dns1 = _pendingDns1;
            _dns2 = _pendingDns2;
            _dnsCount = _pendingDnsCount;
            _leaseSeconds = _pendingLease;
            _t1Seconds = _pendingT1;
            _t2Seconds = _pendingT2;
            _leaseStartMs = _pendingStartMs;
            if (_leaseSeconds == InfiniteLease)
            {
                _t1Ms = NetTime.Never;
                _t2Ms = NetTime.Never;
                _expiryMs = NetTime.Never;
            }
            else
            {
                _t1Ms = NetTime.After(_leaseStartMs, (long)_t1Seconds * 1000);
                _t2Ms = NetTime.After(_leaseStartMs, (long)_t2Seconds * 1000);
                _expiryMs = NetTime.After(_leaseStartMs, (long)_leaseSeconds * 1000);
            }

            if (_stack.Address != _address || _stack.SubnetMask != _mask || _stack.Gateway != _gateway)
            {
                if (_stack.Configure(_address, IPv4.PrefixFromMask(_mask), _gateway) != SocketError.Success)
                {
                    // Usable() checked all Configure checks, so this is a bug guard: never keep half a lease.
                    _counters.Rejected++;
                    LoseLease(nowMs);
                    return;
                }
            }

            if (_dnsCount > 0)
            {
                _stack.DnsServer = _dns1;
            }

            _hasLease = true;
            SetState(DhcpState.Bound);
            ScheduleLeaseTimer(nowMs);
            if (sameAddress)
            {
                _counters.Renewals++;
                Raise(DhcpEvent.Renewed);
            }
            else
            {
                _counters.LeasesObtained++;
                Raise(DhcpEvent.Bound);
            }
        }

        // ---- receive -----------------------------------------------------------------

        private void Input(int length, int port, long nowMs)
        {
            int r = _reply.Parse(_rx, length);
            if (r == DhcpReply.Truncated)
            {
                _counters.Truncated++;
                return;
            }

            if (r == DhcpReply.BadHeader)
            {
                _counters.BadHeader++;
                return;
            }

            if (r == DhcpReply.BadCookie)
            {
                _counters.BadCookie++;
                return;
            }

            if (r != DhcpReply.Ok)
            {
                _counters.BadOptions++;
                return;
            }

            // Servers and relays send from 67 (RFC 2131 §4.1); xid and chaddr say it is our exchange.
            if (port != DhcpMessage.ServerPort || _reply.Xid != _xid || !MacAddress.AreEqual(_rx, DhcpMessage.ChaddrOffset, _mac, 0))
            {
                _counters.NotOurs++;
                return;
            }

            switch (_reply.MessageType)
            {
                case DhcpMessage.Offer:
                    _counters.OffersIn++;
                    OnOffer(nowMs);
                    break;
                case DhcpMessage.Ack:
                    _counters.AcksIn++;
                    OnAck(nowMs);
                    break;
                case DhcpMessage.Nak:
                    _counters.NaksIn++;
                    OnNak(nowMs);
                    break;
                default:
                    _counters.Unexpected++;
                    break;
            }
        }

        private void OnOffer(long nowMs)
        {
            if (_state != DhcpState.Selecting)
            {
                _counters.Unexpected++;
                return;
            }

            // RFC 2131 §4.3.1: an OFFER carries the server identifier; the REQUEST must name it.
            if (!IsHostAddress(_reply.Yiaddr) || _reply.ServerId == 0)
            {
                _counters.Rejected++;
                return;
            }

            // The first acceptable offer wins (as lwIP and most small clients do).
            _offeredAddress = _reply.Yiaddr;
            _offerServer = _reply.ServerId;
            _tries = 0;
            SetState(DhcpState.Requesting);
            SendRequest(nowMs);
        }

        private void OnAck(long nowMs)
        {
            if (_state != DhcpState.Requesting && _state != DhcpState.Rebooting && _state != DhcpState.Renewing && _state != DhcpState.Rebinding)
            {
                _counters.Unexpected++;
                return;
            }

            if (_state == DhcpState.Requesting && _reply.ServerId != 0 && _reply.ServerId != _offerServer)
            {
                _counters.Unexpected++;
                return;
            }

            if (!Usable(nowMs))
            {
                _counters.Rejected++;
                return;
            }

            bool newAddress = !_hasLease || _pendingAddressDiffers;
            _offeredAddress = _reply.Yiaddr;
            if (newAddress && _arpProbes > 0)
            {
                // RFC 2131 §4.4.1: make sure nobody else uses the address before we do.
                _probesSent = 1;
                SetState(DhcpState.Checking);
                _arp.StopProbe();
                _arp.Probe(_offeredAddress);
                _timer = NetTime.After(nowMs, _arpProbeIntervalMs);
                return;
            }

            Bind(nowMs);
        }

        private void OnNak(long nowMs)
        {
            if (_state != DhcpState.Requesting && _state != DhcpState.Rebooting && _state != DhcpState.Renewing && _state != DhcpState.Rebinding)
            {
                _counters.Unexpected++;
                return;
            }

            if (_state == DhcpState.Requesting && _reply.ServerId != 0 && _reply.ServerId != _offerServer)
            {
                _counters.Unexpected++;
                return;
            }

            // RFC 2131 §3.1 step 5 / §3.2 step 3: the address is not ours; start over at once.
            LoseLease(nowMs);
        }

        /// <summary>Checks the ACK's address, mask and lease and keeps them for Bind.</summary>
        private bool Usable(long nowMs)
        {
            uint a = _reply.Yiaddr;
            if (!IsHostAddress(a) || !_reply.HasLease)
            {
                return false;
            }

            if (_state == DhcpState.Rebooting && a != _offeredAddress)
            {
                return false;
            }

            uint mask = _reply.HasMask ? _reply.Mask : ClassfulMask(a);
            int prefix = IPv4.PrefixFromMask(mask);
            if (prefix < 1 || (prefix < 31 && ((a & ~mask) == 0 || (a & ~mask) == ~mask)))
            {
                return false;
            }

            uint gateway = _reply.Router;
            if (gateway != 0 && ((gateway & mask) != (a & mask) || gateway == a))
            {
                // An off-subnet router cannot be a next hop.
                gateway = 0;
            }

            uint lease = _reply.LeaseSeconds;
            if (lease < MinLeaseSeconds)
            {
                lease = MinLeaseSeconds;
            }

            // RFC 2131 §4.4.5: T1 defaults to 0.5 and T2 to 0.875 of the lease; sent values only when consistent.
            uint t2 = _reply.HasT2 && _reply.T2Seconds > 0 && _reply.T2Seconds < lease ? _reply.T2Seconds : (uint)((ulong)lease * 7 / 8);
            uint t1 = _reply.HasT1 && _reply.T1Seconds > 0 && _reply.T1Seconds < t2 ? _reply.T1Seconds : lease / 2;
            if (t1 > t2)
            {
                t1 = t2;
            }

            _pendingAddressDiffers = _hasLease && a != _address;
            _pendingMask = mask;
            _pendingGateway = gateway;
            _pendingDns1 = _reply.Dns1;
            _pendingDns2 = _reply.Dns2;
            _pendingDnsCount = _reply.DnsCount;
            _pendingLease = lease;
            _pendingT1 = t1;
            _pendingT2 = t2;
            _pendingStartMs = _exchangeStartMs;
            // Rebinding may be answered by another server: it becomes the one to renew with.
            _pendingServer = _reply.ServerId != 0 ? _reply.ServerId : (_state == DhcpState.Requesting ? _offerServer : _server);
            // RFC 2131 table 3: an ACK names its server; without one there is nobody to renew with.
            return _pendingServer != 0;
        }

        /// <summary>RFC 2131 §4.4.1 leaves a missing mask to the client: the classful one (as lwIP).</summary>
        private static uint ClassfulMask(uint a)
        {
            if ((a & 0x80000000) == 0)
            {
                return 0xFF000000;
            }

            return (a & 0xC0000000) == 0x80000000 ? 0xFFFF0000 : 0xFFFFFF00;
        }

        // ---- transmit ----------------------------------------------------------------

        private void NewXid()
        {
            _xid = ((uint)_random.Next() << 1) ^ (uint)_random.Next();
        }

        private void SendDiscover(long nowMs, bool first)
        {
            if (first)
            {
                NewXid();
                _tries = 0;
                _exchangeStartMs = nowMs;
                SetState(DhcpState.Selecting);
            }
            else
            {
                _counters.Retransmissions++;
            }

            int o = Header(DhcpMessage.Discover, nowMs, 0, true);
            o = CommonRequestOptions(o);
            int n = Finish(o);
            if (Send(n, IPv4.LimitedBroadcast, nowMs))
            {
                _counters.DiscoversOut++;
            }

            _tries++;
            // RFC 2131 §4.1: DISCOVER is retransmitted for as long as it takes, the interval capped.
            _timer = NetTime.After(nowMs, Backoff(_tries));
        }

        /// <summary>The REQUEST of the current state (RFC 2131 §4.3.2 table 4 / §4.4.1 table 5).</summary>
        private void SendRequest(long nowMs)
        {
            if (_tries > 0)
            {
                _counters.Retransmissions++;
            }

            bool withAddress = _state == DhcpState.Renewing || _state == DhcpState.Rebinding;
            bool broadcastFlag = _state == DhcpState.Requesting || _state == DhcpState.Rebooting;
            int o = Header(DhcpMessage.Request, nowMs, withAddress ? _address : 0, broadcastFlag);
            if (!withAddress)
            {
                o = DhcpMessage.WriteAddressOption(_tx, o, DhcpMessage.OptionRequestedAddress, _offeredAddress);
            }

            if (_state == DhcpState.Requesting)
            {
                o = DhcpMessage.WriteAddressOption(_tx, o, DhcpMessage.OptionServerId, _offerServer);
            }

            o = CommonRequestOptions(o);
            int n = Finish(o);
            // Renewing talks to the leasing server alone; everything else is broadcast.
            uint destination = _state == DhcpState.Renewing ? _server : IPv4.LimitedBroadcast;
            if (Send(n, destination, nowMs))
            {
                _counters.RequestsOut++;
            }

            _tries++;
            if (_state == DhcpState.Renewing)
            {
                _timer = RenewRetransmitAt(nowMs, _t2Ms);
            }
            else if (_state == DhcpState.Rebinding)
            {
                _timer = RenewRetransmitAt(nowMs, _expiryMs);
            }
            else
            {
                _timer = NetTime.After(nowMs, Backoff(_tries));
                if (_state == DhcpState.Rebooting && _hasLease && _timer > _expiryMs)
                {
                    _timer = _expiryMs;
                }
            }
        }

        private int BuildDecline(long nowMs)
        {
            int o = Header(DhcpMessage.Decline, nowMs, 0, false);
            o = DhcpMessage.WriteAddressOption(_tx, o, DhcpMessage.OptionRequestedAddress, _offeredAddress);
            o = DhcpMessage.WriteAddressOption(_tx, o, DhcpMessage.OptionServerId, _pendingServer);
            o = ClientId(o);
            return Finish(o);
        }

        private int BuildRelease(long nowMs)
        {
            int o = Header(DhcpMessage.Release, nowMs, _address, false);
            o = DhcpMessage.WriteAddressOption(_tx, o, DhcpMessage.OptionServerId, _server);
            o = ClientId(o);
            return Finish(o);
        }

        /// <summary>Fixed header, magic cookie and message type; returns where the next option goes.</summary>
        private int Header(int messageType, long nowMs, uint ciaddr, bool broadcast)
        {
            System.Array.Clear(_tx, 0, _tx.Length);
            _tx[DhcpMessage.OpOffset] = DhcpMessage.BootRequest;
            _tx[DhcpMessage.HTypeOffset] = DhcpMessage.HTypeEthernet;
            _tx[DhcpMessage.HLenOffset] = MacAddress.Length;
            NetOrder.WriteUInt32(_tx, DhcpMessage.XidOffset, _xid);
            if (messageType == DhcpMessage.Discover || messageType == DhcpMessage.Request)
            {
                long secs = (nowMs - _exchangeStartMs) / 1000;
                NetOrder.WriteUInt16(_tx, DhcpMessage.SecsOffset, secs < 0 ? 0 : (secs > 0xFFFF ? 0xFFFF : (int)secs));
            }

            NetOrder.WriteUInt16(_tx, DhcpMessage.FlagsOffset, broadcast ? DhcpMessage.FlagBroadcast : 0);
            NetOrder.WriteUInt32(_tx, DhcpMessage.CiaddrOffset, ciaddr);
            MacAddress.Copy(_mac, 0, _tx, DhcpMessage.ChaddrOffset);
            NetOrder.WriteUInt32(_tx, DhcpMessage.CookieOffset, DhcpMessage.MagicCookie);
            return DhcpMessage.WriteByteOption(_tx, DhcpMessage.OptionsOffset, DhcpMessage.OptionMessageType, messageType);
        }

        /// <summary>Client id, max message size, parameter list and host name (DISCOVER and REQUEST).</summary>
        private int CommonRequestOptions(int o)
        {
            o = ClientId(o);
            o = DhcpMessage.WriteUInt16Option(_tx, o, DhcpMessage.OptionMaxMessageSize, DhcpMessage.MaxLength + 28);
            _tx[o++] = DhcpMessage.OptionParameterList;
            _tx[o++] = 3;
            _tx[o++] = DhcpMessage.OptionSubnetMask;
            _tx[o++] = DhcpMessage.OptionRouter;
            _tx[o++] = DhcpMessage.OptionDnsServer;
            if (_hostName != null)
            {
                _tx[o++] = DhcpMessage.OptionHostName;
                _tx[o++] = (byte)_hostName.Length;
                System.Array.Copy(_hostName, 0, _tx, o, _hostName.Length);
                o += _hostName.Length;
            }

            return o;
        }

        /// <summary>RFC 2132 §9.14: type 1 (Ethernet) followed by the MAC.</summary>
        private int ClientId(int o)
        {
            _tx[o++] = DhcpMessage.OptionClientId;
            _tx[o++] = 1 + MacAddress.Length;
            _tx[o++] = DhcpMessage.HTypeEthernet;
            MacAddress.Copy(_mac, 0, _tx, o);
            return o + MacAddress.Length;
        }

        private int Finish(int o)
        {
            _tx[o++] = DhcpMessage.OptionEnd;
            return o < DhcpMessage.MinLength ? DhcpMessage.MinLength : o;
        }

        private bool Send(int length, uint destination, long nowMs)
        {
            SocketError e = _udp.SendTo(_socket, _tx, 0, length, destination, DhcpMessage.ServerPort, nowMs);
            if (e != SocketError.Success)
            {
                _counters.SendFailed++;
                return false;
            }

            return true;
        }
    }
}
