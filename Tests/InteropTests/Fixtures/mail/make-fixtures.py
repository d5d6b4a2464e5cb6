#!/usr/bin/env python3
"""Writes the mail fixtures: headers as mutt, Thunderbird, Outlook, Apple
Mail, Gmail, Gmail Takeout, mailman and mbsync write them, invented for
rapport. Run once; the files are committed, the tests never run Python."""
import os

here = os.path.dirname(os.path.abspath(__file__))

def write(name, text, crlf=False, encoding="utf-8"):
    data = text.lstrip("\n")
    if crlf:
        data = data.replace("\n", "\r\n")
    with open(os.path.join(here, name), "wb") as f:
        f.write(data.encode(encoding) if isinstance(data, str) else data)

def write_bytes(name, data):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)

write("mutt.eml", """
Date: Tue, 3 Mar 2026 09:14:22 +0100
From: Ana Lima <ana@lima.example>
To: Marcus Bell <marcus@bell.example>
Cc: =?utf-8?Q?Zo=C3=AB?= Park <zoe@park.example>
Subject: Re: coffee next week?
Message-ID: <20260303081422.GA12345@lima.example>
References: <CAF1x2-q@mail.gmail.com>
 <20260302170000.GB999@bell.example>
In-Reply-To: <20260302170000.GB999@bell.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Disposition: inline
User-Agent: Mutt/2.2.12 (2023-09-09)

Tuesday works. From 9 I am free.
""")

write("thunderbird.eml", """
Message-ID: <5f3c2a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f@lima.example>
Date: Wed, 4 Mar 2026 18:02:11 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: pt-BR
To: =?UTF-8?Q?Jos=C3=A9_=C3=81lvarez?= <jose@alvarez.example>
Cc: Team: marcus@bell.example, "zoe.park"@park.example;
From: Ana Lima <ana@lima.example>
Subject: =?UTF-8?Q?Apresenta=C3=A7=C3=A3o_para_a_reuni=C3=A3o_de_ter=C3=A7a?=
 =?UTF-8?Q?-feira?=
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Olá José,
""", crlf=True)

write("outlook.eml", """
From: "O'Brien, Sean" <sean.obrien@contoso.example>
To: "'Ana Lima'" <ana@lima.example>, =?iso-8859-1?Q?Fran=E7ois_M=FCller?=
\t<francois@muller.example>
Subject: =?Windows-1252?Q?RE:_Caf=E9_=96_next_steps?=
Thread-Topic: =?Windows-1252?Q?Caf=E9_=96_next_steps?=
Thread-Index: AQHaXYZabcdEFGHijklMNOPqrstUVWX==
Date: Thu, 5 Mar 2026 10:45:01 +0000
Message-ID:
 <DB9PR01MB1234ABCD5678@DB9PR01MB1234.eurprd01.prod.exchangelabs.com>
References: <5f3c2a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f@lima.example>
In-Reply-To: <5f3c2a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f@lima.example>
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
x-ms-publictraffictype: Email
Content-Type: text/plain; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

Hi Ana,
""", crlf=True)

write("applemail.eml", """
From: =?utf-8?Q?Chlo=C3=A9_Moreau?= <chloe@moreau.example>
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: =?utf-8?B?RMOubmVyIMOgIFBhcmlzIPCfjZo=?=
Message-Id: <A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@moreau.example>
Date: Fri, 6 Mar 2026 21:30:00 +0100
To: Ana Lima <ana@lima.example>
X-Mailer: Apple Mail (2.3774.600.62)

Ça te dit ?
""")

write("gmail.eml", """
Delivered-To: ana.lima@gmail.example
Received: by 2002:a05:7300:1234:b0:12a:abcd:ef01 with SMTP id x18csp123456dyb;
        Mon, 9 Mar 2026 08:15:44 -0700 (PDT)
X-Received: by 2002:a17:906:1234:b0:a45:6789:abcd with SMTP id h20mr123456ejb.12.1773069344123;
        Mon, 09 Mar 2026 08:15:44 -0700 (PDT)
ARC-Seal: i=1; a=rsa-sha256; t=1773069344; cv=none;
        d=google.com; s=arc-20240605;
        b=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz01
         23456789+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQr==
Return-Path: <marcus.bell@gmail.example>
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])
        by mx.google.com with SMTPS id a1sor123456ejb.5.2026.03.09.08.15.43
        for <ana.lima@gmail.example>
        (Google Transport Security);
        Mon, 09 Mar 2026 08:15:43 -0700 (PDT)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=gmail.example; s=20230601; t=1773069343; x=1773674143; darn=gmail.example;
        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject
         :date:message-id:reply-to;
        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
        b=Xyz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOp
MIME-Version: 1.0
From: Marcus Bell <marcus.bell@gmail.example>
Date: Mon, 9 Mar 2026 16:15:31 +0100
Message-ID: <CAKx=abc+DEF123_gh@mail.gmail.com>
Subject: Fwd: [rapport-dev] intro to Priya
To: Ana Lima <ana.lima@gmail.example>, priya@raman.example
Content-Type: multipart/alternative; boundary="000000000000abcdef0123456789"

--000000000000abcdef0123456789
""")

write("mailman.eml", """
Return-Path: <rapport-dev-bounces+ana=lima.example@lists.example>
Received: from lists.example (lists.example [192.0.2.7])
\tby mx.lima.example (Postfix) with ESMTP id 4Xyz123
\tfor <ana@lima.example>; Sat, 7 Mar 2026 12:00:05 +0000 (UTC)
From: Kenji Sato <kenji@sato.example>
To: rapport-dev@lists.example
Subject: [rapport-dev] Re: Capture from maildir
Date: Sat, 07 Mar 2026 21:00:01 +0900
Message-ID: <87ab12cd.fsf@sato.example>
List-Id: rapport development <rapport-dev.lists.example>
List-Unsubscribe: <https://lists.example/mailman/options/rapport-dev>,
 <mailto:rapport-dev-request@lists.example?subject=unsubscribe>
Precedence: list
Errors-To: rapport-dev-bounces+ana=lima.example@lists.example
Sender: "rapport-dev" <rapport-dev-bounces+ana=lima.example@lists.example>

Body.
""")

write("notification.eml", """
From: Calendar <calendar-notification@example.com>
Reply-To: notifications-noreply@example.com
To: ana@lima.example
Subject: Reminder: 1:1 with Marcus @ Tue 10 Mar 2026 10:00
Date: Tue, 10 Mar 2026 08:50:00 +0000
Message-ID: <calendar-12345@example.com>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All

Reminder.
""")

# Obsolete syntax: 2-digit year, named zone, no seconds, name in a comment,
# a route, groups, comments everywhere.
write("obsolete.eml", """
Date: 5 Mar 26 9:05 EST
From: ana@lima.example (Ana Lima)
Sender: <@relay1.example,@relay2.example:bob@old.example>
To: <@relay1.example,@relay2.example:bob@old.example>, Team: kofi@mensah.example,
  "ewa"@nowak.example (Ewa N.);, undisclosed-recipients:;
Cc: "Lima, Ana" (work) <ana@work.example>, (just a comment), broken@, <>
Subject:   Hello    (world)  again
Message-ID: <old.1234@lima.example>

Body.
""")

write("no-date.eml", """
Received: from mx.example by mail.lima.example with LMTP id abc
\tfor <ana@lima.example>; Sun, 1 Feb 2026 07:08:09 -0500
Received: from relay.example by mx.example; Sun, 1 Feb 2026 12:00:00 +0000
From: Omar Haddad <omar@haddad.example>
To: ana@lima.example
Subject: no date here

Body.
""")

write("impossible-date.eml", """
From: Omar Haddad <omar@haddad.example>
Date: Mon, 30 Feb 2026 10:00:00 +0000
Subject: leap?

Body.
""")

# Raw 8-bit headers: Windows-1252 bytes (not UTF-8) and UTF-8 bytes.
write_bytes("raw-8bit.eml", (
    b"From: Fran\xe7ois M\xfcller <francois@muller.example>\n"
    b"To: \"Zo\xc3\xab Park\" <zoe@park.example>\n"
    b"Subject: Caf\xe9 \x96 \x93menu\x94\n"
    b"Date: Sun, 8 Mar 2026 12:00:00 +0100\n\nBody.\n"))

write("charsets.eml", """
From: =?KOI8-R?B?8NLJx8zB28XOycUgzsEg19PU0sXe1Q==?= <olga@petrova.example>
To: =?ISO-8859-2?B?o/NkvCwgc3BvdGthbmll?= <ewa@nowak.example>,
 =?windows-1251?Q?=CE=EB=FC=E3=E0?= <olga@ivanova.example>,
 =?iso-8859-15?q?Euro_=A4?= <euro@example.com>, =?x-unknown?q?Caf=C3=A9?= <cafe@example.com>,
 =?utf-8?q?broken_word <broken@example.com>, =?utf-8?b?!!!?= <badb64@example.com>
Subject: =?utf-8?q?a?= =?utf-8?q?b?=  c =?utf-8?q?d?=
Date: Sun, 8 Mar 2026 12:00:00 +0100

Body.
""")

# Gmail Takeout: LF, `From <thread id>@xxx` postmarks, X-GM-THRID and labels;
# a body line quoted `>From `, and the last message without a final newline.
write("takeout.mbox", """
From 1791234567890123456@xxx Mon Mar 09 15:15:42 +0000 2026
X-GM-THRID: 1791234567890123456
X-Gmail-Labels: Inbox,Important,Opened
Delivered-To: ana.lima@gmail.example
From: Marcus Bell <marcus.bell@gmail.example>
Date: Mon, 9 Mar 2026 16:15:31 +0100
Message-ID: <CAKx=one@mail.gmail.com>
Subject: lunch
To: Ana Lima <ana.lima@gmail.example>

Hi,

>From the office at noon?
From the office at noon, I said.

From 1791234567890123999@xxx Tue Mar 10 09:00:00 +0000 2026
X-GM-THRID: 1791234567890123456
X-Gmail-Labels: Sent
From: Ana Lima <ana.lima@gmail.example>
Date: Tue, 10 Mar 2026 10:00:00 +0100
Message-ID: <CAKx=two@mail.gmail.com>
In-Reply-To: <CAKx=one@mail.gmail.com>
References: <CAKx=one@mail.gmail.com>
Subject: Re: lunch
To: Marcus Bell <marcus.bell@gmail.example>

Yes.

From 1791234567890124000@xxx Wed Mar 11 09:00:00 +0000 2026
X-GM-THRID: 1791234567890124000
From: Priya Raman <priya@raman.example>
Date: Wed, 11 Mar 2026 14:30:00 +0530
Message-ID: <priya-3@raman.example>
Subject: thanks

Thanks for the intro!""")

# Thunderbird's local folders: CRLF, `From - <asctime>` postmarks.
write("thunderbird.mbox", """
From - Thu Mar 05 10:45:01 2026
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00000000
From: "O'Brien, Sean" <sean.obrien@contoso.example>
To: Ana Lima <ana@lima.example>
Subject: first
Date: Thu, 5 Mar 2026 10:45:01 +0000
Message-ID: <tb-1@contoso.example>

From - Thu Mar 05 11:00:00 2026
X-Mozilla-Status: 0001
From: Ana Lima <ana@lima.example>
To: "O'Brien, Sean" <sean.obrien@contoso.example>
Subject: second
Date: Thu, 5 Mar 2026 11:00:00 +0000
Message-ID: <tb-2@lima.example>

Body of the second.
""", crlf=True)
